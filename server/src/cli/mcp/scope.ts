/**
 * The folder `inbound mcp` was started in, as the tools see it: its projects read from disk the way
 * `inbound check` reads them (configs, globs, the rule for symbolic links), but never beyond the
 * folder: a config above it is not followed (`within`), so an assistant given a folder is answered
 * about that folder alone. Read again for every call: the files change while the server runs.
 */
import { relative, sep } from 'node:path';
import type { ToolScope } from '../../tools';
import { loadProjects, shownPath } from '../../node/load-projects';
import type { LoadedProject } from '../../node/load-projects';
import { emptyReason } from '../check-command';

export interface FolderScope {
  scope: ToolScope;
  /** The project of each engine workspace, for writing back into its folder. */
  projectOf(file: string): LoadedProject | undefined;
}

export function folderScope(folder: string, today: string | undefined): FolderScope {
  const { projects, problems, empty } = loadProjects({ paths: [], cwd: folder, within: folder, today });
  const several = projects.filter((p) => p.selected.length > 0 || p.showConfig).length > 1;
  const scope: ToolScope = {
    projects: projects.map((p) => ({
      workspace: p.workspace,
      files: p.selected,
      showConfig: p.showConfig,
      ...(several ? { label: shownPath(folder, p.root) } : {}),
    })),
    // As `inbound check --format json` names files: relative to the folder, forward slashes.
    fileName: (file) => relative(folder, file).split(sep).join('/') || file,
    problems,
    empty: empty.map(emptyReason),
  };
  return { scope, projectOf: (file) => projects.find((p) => p.workspace.has(file)) };
}
