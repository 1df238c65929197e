/** Builds a Workspace from files on disk: the shared start of `check` and `report`. */
import { dirname, relative, resolve } from 'node:path';
import { Workspace } from '../engine';
import { discoverFiles, findConfig, UsageError } from './discover';
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

export function loadWorkspace(options: LoadOptions): LoadedWorkspace {
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
  files.forEach((file, i) => {
    if (file === configPath) return;
    try {
      workspace.setFile(file, readText(file));
    } catch (e) {
      problems.push(`cannot read ${relative(cwd, file) || file}: ${reason(e)}`);
    }
    options.onProgress?.(i + 1, files.length);
  });
  return { workspace, problems };
}

function reason(e: unknown): string {
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
