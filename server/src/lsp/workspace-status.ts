/**
 * The status bar's numbers: the engine's readiness tally of every project, the very numbers the
 * report's headline shows. Files judged before are not judged again (the engine keeps each file's
 * verdicts until its findings change), so a keystroke costs the edited file, not the workspace.
 */
import { relative, sep } from 'node:path';
import { tallyWorkspace } from '../engine/report';
import type { Project } from './projects';
import { uriOf } from './projects';
import type { WorkspaceStatus } from './protocol';

export function workspaceStatus(projects: readonly Project[], indexing: boolean): WorkspaceStatus {
  const status: WorkspaceStatus = {
    indexing,
    files: 0,
    requirements: 0,
    roadmap: { total: 0, ready: 0, waived: 0, blocked: 0, atRisk: 0, noEvidence: 0 },
    readyToPromote: 0,
    unread: [],
    errors: 0,
    warnings: 0,
  };
  for (const project of projects) {
    const tally = tallyWorkspace(project.workspace);
    status.files += tally.files;
    status.requirements += tally.requirements;
    status.readyToPromote += tally.readyToPromote;
    for (const key of Object.keys(status.roadmap) as (keyof WorkspaceStatus['roadmap'])[]) status.roadmap[key] += tally.roadmap[key];
    for (const judged of tally.unread) {
      const lines = judged.analysis.lines;
      status.unread.push({
        uri: uriOf(judged.file),
        path: project.root ? relative(project.root, judged.file).split(sep).join('/') : judged.file,
        line: lines.positionAt(judged.unread!.span.start).line,
        message: judged.unread!.message,
      });
    }
  }
  return status;
}
