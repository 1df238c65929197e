/**
 * `inbound/diff`: the roadmap diff between a git revision and what the editor has now. The client
 * reads the base through VS Code's Git extension and sends the base's text of every file that
 * differs from it (null: not in the base); every other file is at the base as the server holds it
 * now. The base is split into projects by the rules the CLI uses for a revision (`planTreeProjects`),
 * each judged with the config it had then, and the engine compares the two report models.
 */
import { relative, sep } from 'node:path';
import { DEFAULT_POLICY } from '../../../schemas/config';
import type { Workspace } from '../engine';
import { diffReports } from '../engine/diff';
import type { ProjectReport, RoadmapDiff } from '../engine/diff';
import { buildReport } from '../engine/report';
import type { FileSource } from '../engine/source';
import { MAX_CONFIG_KB } from '../engine/policy';
import { planTreeProjects } from '../node/git';
import type { TreeText } from '../node/git';
import { isInside, scanProject } from '../node/project-tree';
import { readDiskTextAsync } from '../node/read-text';
import type { Project, Projects } from './projects';
import { fileOf, uriOf } from './projects';
import type { DiffParams } from './protocol';

/** Computes the diff; a failure is logged and answered with null, never a dead server. */
export async function roadmapDiff(projects: Projects, params: DiffParams, log: (message: string) => void): Promise<RoadmapDiff | null> {
  try {
    return await computeDiff(projects, params);
  } catch (e) {
    log(`Inbound: the roadmap diff failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return null;
  }
}

async function computeDiff(projects: Projects, params: DiffParams): Promise<RoadmapDiff> {
  const root = params.root ? fileOf(params.root) : undefined;
  const all = projects.all().filter((p): p is Project & { root: string } => p.root !== undefined);
  // The editor's folders (not the projects their configs make) in or around the repository compared.
  const folders = all.filter((p) => !p.nested && (!root || isInside(p.root, root) || isInside(root, p.root)));
  const base: ProjectReport[] = [];
  const head: ProjectReport[] = [];
  const name = (dir: string, folder: string) => relative(root && isInside(dir, root) ? root : folder, dir).split(sep).join('/') || '.';

  for (const folder of folders) {
    const inFolder = all.filter((p) => isInside(p.root, folder.root) && (p === folder || p.nested));
    for (const p of inFolder) {
      head.push({ project: name(p.root, folder.root), report: buildReport(p.workspace, { fileName: uriOf, details: true }) });
    }

    const overrides = new Map<string, string | null>();
    for (const [uri, text] of Object.entries(params.files)) {
      const file = fileOf(uri);
      if (isInside(file, folder.root)) overrides.set(file, text);
    }
    const texts = new Map<string, TreeText>();
    for (const p of inFolder) {
      for (const file of p.workspace.fileNames()) {
        const a = p.workspace.get(file);
        if (a) texts.set(file, { text: a.text, ...(a.source ? { source: a.source as FileSource } : {}) });
      }
      const config = p.workspace.configFile;
      if (config && !overrides.has(config)) {
        const read = await readDiskTextAsync(config, { root: p.root, maxBytes: MAX_CONFIG_KB * 1024 }).catch(() => undefined);
        if (read) texts.set(config, read);
      }
    }
    for (const [file, text] of overrides) {
      if (text === null) texts.delete(file);
      else texts.set(file, { text });
    }

    const headPolicy = new Map(inFolder.map((p) => [p.root, p.workspace.policy]));
    const plan = () =>
      planTreeProjects({
        files: texts.keys(),
        configText: (file) => texts.get(file),
        paths: [folder.root],
        cwd: folder.root,
        top: folder.root,
        today: folder.workspace.today,
      });
    let planned = plan();
    // A project whose globs at the base differ from now may take files the server does not hold
    // (unchanged since the base, so as they are on disk): search its folder as the base's globs say.
    let searched = false;
    for (const p of planned.projects) {
      const now = headPolicy.get(p.root);
      const { files, ignore } = p.workspace.policy;
      if (now && JSON.stringify([now.files, now.ignore]) === JSON.stringify([files, ignore])) continue;
      const scan = await scanProject(p.root, { files, ignore }).catch(() => ({ files: [] as string[] }));
      for (const file of scan.files) {
        if (texts.has(file) || overrides.has(file)) continue;
        // Read as the server reads any file: inside the project's folder, up to its size limit.
        const read = await readDiskTextAsync(file, { root: p.root, maxBytes: p.workspace.policy.maxFileKb * 1024 }).catch(() => undefined);
        if (read) texts.set(file, read);
        searched = true;
      }
    }
    if (searched) planned = plan();

    for (const p of planned.projects) {
      restrictLikeHead(p.workspace, headPolicy.get(p.root) ?? folder.workspace.policy);
      for (const file of p.files) {
        const t = texts.get(file);
        if (t) p.workspace.setFile(file, t.text, t.source);
      }
      if (p.selected.length) base.push({ project: name(p.root, folder.root), report: buildReport(p.workspace, { fileName: uriOf, details: true }) });
    }
  }
  return diffReports({
    base: { label: params.base, ...(params.commit ? { commit: params.commit } : {}), projects: base },
    head: { label: 'working tree', projects: head.filter((h) => h.report.files > 0 || base.some((b) => b.project === h.project)) },
  });
}

/**
 * In Restricted Mode the server does not run a workspace's own id-pattern (see `Project.applyConfig`);
 * the base, from the same repository, does not either.
 */
function restrictLikeHead(workspace: Workspace, head: { idPattern: string }): void {
  if (head.idPattern === DEFAULT_POLICY.idPattern && workspace.policy.idPattern !== DEFAULT_POLICY.idPattern) {
    workspace.setPolicy({ ...workspace.policy, idPattern: DEFAULT_POLICY.idPattern });
  }
}
