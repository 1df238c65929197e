/** Builds a Workspace from files on disk: the shared start of `check` and `report`. */
import { dirname, relative, resolve } from 'node:path';
import { Workspace } from '../engine';
import { discoverFiles, findConfig, UsageError } from './discover';
import { analyzeInParallel } from './parallel';
import { readText } from './read-text';

export interface LoadOptions {
  paths: string[];
  config?: string;
  today?: string;
  /** The folder relative paths start from (the command's working folder); default: the process's. */
  cwd?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface LoadedWorkspace {
  workspace: Workspace;
  /** Files that could not be read, each with a one-line reason. */
  problems: string[];
}

/** The config read and the files found: what is left is reading and analysing each file. */
interface Prepared {
  workspace: Workspace;
  files: string[];
  problems: string[];
  cwd: string;
}

function prepare(options: LoadOptions): Prepared {
  const workspace = new Workspace({ today: options.today });
  const cwd = options.cwd ?? process.cwd();
  const paths = options.paths.map((p) => resolve(cwd, p));
  let configPath: string | undefined;
  if (options.config) {
    configPath = resolve(cwd, options.config);
    let text: string;
    try {
      text = readText(configPath);
    } catch (e) {
      throw new UsageError(`cannot read config ${options.config}: ${reason(e)}`);
    }
    workspace.setConfig(configPath, text);
  } else {
    configPath = findConfig(paths[0] ?? cwd);
    if (configPath) {
      try {
        workspace.setConfig(configPath, readText(configPath));
      } catch (e) {
        throw new UsageError(`cannot read config ${configPath}: ${reason(e)}`);
      }
    }
  }
  const { files, problems } = discoverFiles(paths, workspace.policy, configPath && dirname(configPath), options.paths);
  return { workspace, files: files.filter((f) => f !== configPath), problems, cwd };
}

/** Reads and analyses the files one after another, in this thread. */
export function loadWorkspace(options: LoadOptions): LoadedWorkspace {
  return loadRest(prepare(options), options);
}

/**
 * The same, with the files shared among worker threads when there are enough of them to be worth
 * it: the analyses come back as data and go into the workspace as they are. The findings are the
 * same either way; only the wall-clock time differs.
 */
export async function loadWorkspaceInParallel(options: LoadOptions): Promise<LoadedWorkspace> {
  const prepared = prepare(options);
  const { workspace, files, problems, cwd } = prepared;
  const results = await analyzeInParallel(files, { policy: workspace.policy, today: workspace.today }, options.onProgress);
  if (!results) return loadRest(prepared, options);
  for (const r of results) {
    if (r.analysis) workspace.adopt(r.analysis);
    else problems.push(cannotRead(cwd, r.file, r.error));
  }
  return { workspace, problems };
}

/** Reads and analyses the files one after another, in this thread. */
function loadRest(prepared: Prepared, options: LoadOptions): LoadedWorkspace {
  const { workspace, files, problems, cwd } = prepared;
  files.forEach((file, i) => {
    try {
      workspace.setFile(file, readText(file));
    } catch (e) {
      problems.push(cannotRead(cwd, file, e));
    }
    options.onProgress?.(i + 1, files.length);
  });
  return { workspace, problems };
}

function cannotRead(cwd: string, file: string, e: unknown): string {
  return `cannot read ${relative(cwd, file) || file}: ${reason(e)}`;
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (typeof e === 'string') return e;
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
