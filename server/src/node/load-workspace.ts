/**
 * The project of the first path, read whole from disk: for callers that want one engine
 * `Workspace` (tests, the benchmark). The commands use `loadProjects`, which handles several.
 */
import type { Workspace } from '../engine';
import { loadProjects } from './load-projects';
import type { LoadOptions } from './load-projects';

export type { LoadOptions } from './load-projects';

export interface LoadedWorkspace {
  workspace: Workspace;
  /** Files that could not be read, each with a one-line reason. */
  problems: string[];
}

export function loadWorkspace(options: LoadOptions): LoadedWorkspace {
  const { ofPath, problems } = loadProjects(options);
  return { workspace: ofPath[0].workspace, problems };
}
