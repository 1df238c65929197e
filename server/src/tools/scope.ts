/**
 * What the tools answer about: the projects of one folder, each an engine `Workspace` with the
 * requirement files the host shows from it, and how a file is named to an assistant. The hosts
 * build it and nothing else: the MCP server from the command line's project loading (the configs,
 * globs and rule for symbolic links of `inbound check`), the language server from the projects and
 * open documents it holds (so unsaved edits count). The tools only read it.
 */
import type { Workspace } from '../engine';

export interface ScopeProject {
  workspace: Workspace;
  /**
   * The requirement files to answer about, each judged against the whole project (as `inbound check
   * a.req.yaml` judges one file); undefined: every file of the project.
   */
  files?: readonly string[];
  /** The project's config belongs to the folder: its own findings are shown with the files'. */
  showConfig?: boolean;
  /** The project as a person names it (its folder, relative), when there are several. */
  label?: string;
}

export interface ToolScope {
  projects: readonly ScopeProject[];
  /** A file as the assistant sees it and names it back: relative to the folder, forward slashes. */
  fileName(file: string): string;
  /** Files that could not be read, one line each: named wherever totals are given. */
  problems?: readonly string[];
  /** Why the folder holds no requirement file at all, when it holds none. */
  empty?: readonly string[];
}

export function filesOf(project: ScopeProject): readonly string[] {
  return project.files ?? project.workspace.fileNames();
}

/** A file name as an assistant may write it: `./a.req.yaml`, `sub\\a.req.yaml`. */
export function normalName(name: string): string {
  return name.trim().replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

/** Today of the scope's clock (every project reads the same one). */
export function todayOf(scope: ToolScope): string | undefined {
  return scope.projects[0]?.workspace.today;
}
