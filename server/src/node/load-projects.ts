/**
 * The paths of a command line → the projects they touch, each read whole from disk, and what of
 * each the paths select. Cross-file rules need the whole project of a file, so `inbound check
 * a.req.yaml` reads a.req.yaml's project and prints a.req.yaml: exactly its findings in a run over
 * the project's folder. The shared start of `check` and `report`.
 */
import { lstatSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Workspace } from '../engine';
import type { AnalysisStore } from '../engine';
import { MAX_CONFIG_KB } from '../engine/policy';
import { UsageError } from './usage-error';
import { CONFIG_FILE_NAME, findConfig, isConfigFile, isInside, scanProjectSync } from './project-tree';
import type { ProjectScan } from './project-tree';
import { readDiskText, realFolder } from './read-text';
import type { DiskText } from './read-text';

export interface LoadOptions {
  /** Files or folders, as the user wrote them (relative to `cwd` or absolute); none: the current folder. */
  paths: string[];
  /** `--config F`: one config for every path; the configs below are not consulted. */
  config?: string;
  today?: string;
  /** The folder relative paths start from (the command's working folder); default: the process's. */
  cwd?: string;
  /**
   * The folder nothing is read outside of (`inbound mcp`: the folder an assistant was given): a
   * config above it is not followed, so the folder is a project of its own even inside another.
   */
  within?: string;
  onProgress?: (done: number, total: number) => void;
  /** Analyses kept from earlier runs (`--cache`): files that did not change are not parsed again. */
  store?: AnalysisStore;
  /** Only findings and the roadmap's verdicts are asked of the projects (`inbound check`); see `WorkspaceOptions.keep`. */
  findingsOnly?: boolean;
}

export interface LoadedProject {
  /** The project's folder: where its globs start. */
  root: string;
  /** The config that applies, or undefined: the defaults. */
  config?: string;
  /** The whole project, read: cross-file rules see all of it. */
  workspace: Workspace;
  /** The requirement files the paths select here (read or not), sorted. */
  selected: string[];
  /** The paths name the config, or a folder it lies in: its own findings are shown. */
  showConfig: boolean;
}

/** A path under which no requirement file was found, with what was looked for. */
export interface EmptyPath {
  path: string;
  globs: string[];
  /** The config whose globs these are, relative to the current folder; undefined: the defaults. */
  config?: string;
}

export interface LoadedProjects {
  /** In order of their folders. */
  projects: LoadedProject[];
  /** The project each path lies in, in the order of the paths. */
  ofPath: LoadedProject[];
  /** Files that could not be read or searched, each with a one-line reason. */
  problems: string[];
  empty: EmptyPath[];
}

interface Draft {
  root: string;
  /** The root's real path: every file read for the project must lie in it (the rule for links). */
  realRoot?: string;
  config?: string;
  workspace: Workspace;
  scan: ProjectScan;
  scanned?: Set<string>;
  /** Files named on the command line that the globs did not pick: checked all the same. */
  named: Set<string>;
  selected: Set<string>;
  showConfig: boolean;
}

type PathKind = 'folder' | 'file' | 'broken';

export function loadProjects(options: LoadOptions): LoadedProjects {
  const cwd = options.cwd ?? process.cwd();
  const shown = options.paths.length ? options.paths : ['.'];
  const problems: string[] = [];
  const explicit = options.config === undefined ? undefined : readExplicitConfig(resolve(cwd, options.config), options.config);

  const paths = shown.map((p) => ({ shown: p, abs: resolve(cwd, p), kind: pathKind(resolve(cwd, p), p, problems) }));
  // Which project each path lies in: the nearest config above it, or (none, or --config outside
  // it) the workspace root: the current folder when the path is inside it, else the path's folder.
  const owners = paths.map(({ abs, kind }) => {
    const folder = kind === 'folder' ? abs : dirname(abs);
    if (explicit) return { root: isInside(abs, dirname(explicit.file)) ? dirname(explicit.file) : defaultRoot(folder, cwd), config: explicit.file };
    const found = findConfig(folder);
    const config = found && (options.within === undefined || isInside(found, options.within)) ? found : undefined;
    return config ? { root: dirname(config), config } : { root: defaultRoot(folder, cwd), config: undefined };
  });
  // Roots without a config of their own that lie in another such root are one project with it:
  // the same files would otherwise be judged twice, apart.
  const loose = [...new Set(owners.filter((o) => explicit || !o.config).map((o) => o.root))].sort((a, b) => a.length - b.length);
  const outer = (root: string) => loose.find((r) => isInside(root, r)) ?? root;
  for (const o of owners) if (explicit || !o.config) o.root = outer(o.root);

  const drafts = new Map<string, Draft>();
  const project = (root: string, config: string | undefined): Draft => {
    let draft = drafts.get(root);
    if (!draft) {
      const workspace = new Workspace({ today: options.today, store: options.store, keep: options.findingsOnly ? 'findings' : 'read' });
      if (explicit) workspace.setConfig(explicit.file, explicit.read.text, explicit.read.source);
      else if (config) {
        try {
          const read = readConfig(config);
          workspace.setConfig(config, read.text, read.source);
        } catch (e) {
          throw new UsageError(`cannot read config ${shownPath(cwd, config)}: ${reason(e)}`);
        }
      }
      let scan: ProjectScan = { files: [], nested: [] };
      try {
        scan = scanProjectSync(root, workspace.policy, { nested: !explicit });
        // A config given with --config may have any name, even one its own globs select.
        if (explicit) scan.files = scan.files.filter((f) => f !== explicit.file);
      } catch (e) {
        problems.push(`cannot search ${shownPath(cwd, root)}: ${(e as Error).message.split('\n')[0]}`);
      }
      draft = { root, config, workspace, scan, named: new Set(), selected: new Set(), showConfig: false };
      drafts.set(root, draft);
    }
    return draft;
  };

  /**
   * Everything of `draft` inside `folder`, and (`nested`) of the projects nested in it: a folder
   * stands for all of them, a config for its own project only.
   */
  const selectFolder = (draft: Draft, folder: string, nested = true): number => {
    let count = 0;
    if (draft.config && isInside(draft.config, folder)) draft.showConfig = true;
    for (const file of draft.scan.files) {
      if (isInside(file, folder)) {
        draft.selected.add(file);
        count++;
      }
    }
    if (!nested) return count;
    for (const root of draft.scan.nested) {
      if (isInside(root, folder)) count += selectFolder(project(root, join(root, CONFIG_FILE_NAME)), root);
    }
    return count;
  };

  const empty: EmptyPath[] = [];
  paths.forEach((path, i) => {
    const draft = project(owners[i].root, owners[i].config);
    let found: number;
    if (path.kind === 'broken') found = 1; // already reported as unreadable
    else if (path.kind === 'folder') found = selectFolder(draft, path.abs);
    else if (isConfigFile(path.abs) || path.abs === explicit?.file) {
      // Naming a config stands for everything it governs (the policy changed: check all of it).
      found = path.abs === draft.config ? selectFolder(draft, draft.root, false) : selectFolder(draft, dirname(path.abs));
    } else {
      draft.scanned ??= new Set([...draft.scan.files, ...(draft.scan.outside ?? [])]);
      if (!draft.scanned.has(path.abs)) draft.named.add(path.abs);
      draft.selected.add(path.abs);
      found = 1;
    }
    if (found === 0) {
      empty.push({ path: path.shown, globs: draft.workspace.policy.files, config: draft.config && shownPath(cwd, draft.config) });
    }
  });

  // Each file is read once, whether the globs found it or it was named; a link the globs found that
  // leads out of the project is not read, and named as a file that cannot be (see `linkRule`).
  const ordered = [...drafts.values()].sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  const toRead = ordered.flatMap((d) => [...d.scan.files, ...(d.scan.outside ?? []), ...d.named].map((file) => ({ d, file })));
  toRead.forEach(({ d, file }, i) => {
    try {
      d.realRoot ??= realFolder(d.root);
      const { text, source } = readDiskText(file, { root: d.root, realRoot: d.realRoot, maxBytes: d.workspace.policy.maxFileKb * 1024 });
      d.workspace.setFile(file, text, source);
    } catch (e) {
      problems.push(`cannot read ${shownPath(cwd, file)}: ${reason(e)}`);
    }
    options.onProgress?.(i + 1, toRead.length);
  });

  const loaded = new Map(
    ordered.map((d) => [d, { root: d.root, config: d.config, workspace: d.workspace, selected: [...d.selected].sort(), showConfig: d.showConfig }]),
  );
  return {
    projects: [...loaded.values()],
    ofPath: owners.map((o) => loaded.get(drafts.get(o.root)!)!),
    problems,
    empty,
  };
}

function readExplicitConfig(file: string, shown: string): { file: string; read: DiskText } {
  try {
    return { file, read: readConfig(file) };
  } catch (e) {
    throw new UsageError(`cannot read config ${shown}: ${reason(e)}`);
  }
}

/**
 * A config is read for the folder it governs, under the same rule for links as every file, and no
 * further than the engine reads one (a config over the limit gets one finding from its first line).
 */
function readConfig(file: string): DiskText {
  return readDiskText(file, { root: dirname(file), maxBytes: MAX_CONFIG_KB * 1024 });
}

function defaultRoot(folder: string, cwd: string): string {
  return isInside(folder, cwd) ? cwd : folder;
}

/** A folder, a file, or a link that is there but leads nowhere (reported, and the run goes on). */
function pathKind(abs: string, shown: string, problems: string[]): PathKind {
  try {
    return statSync(abs).isDirectory() ? 'folder' : 'file';
  } catch (e) {
    const loop = (e as NodeJS.ErrnoException).code === 'ELOOP';
    // A link that is there but leads nowhere is an unreadable file, not a mistyped path: it is
    // reported like one, and the other paths are still checked.
    if (isSymbolicLink(abs)) {
      problems.push(`cannot read ${shown}: ${loop ? 'symbolic link loop' : 'the symbolic link points to nothing'}`);
      return 'broken';
    }
    throw new UsageError(`no such file or folder: ${shown}${loop ? ' (symbolic link loop)' : ''}`);
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A path as a person at `cwd` would type it: relative, `.` for the folder itself. */
export function shownPath(cwd: string, path: string): string {
  return relative(cwd, path) || '.';
}

export function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ELOOP':
      return 'symbolic link loop';
    default:
      return (err.message ?? String(e)).split('\n')[0];
  }
}
