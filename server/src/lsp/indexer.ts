/** Reading a project's folder from disk: its config, its requirement files and the configs below it. */
import { scanProject } from '../node/project-tree';
import type { ProjectScan } from '../node/project-tree';
import { readText as readRegularFile } from '../node/read-text';
import type { Project } from './projects';

/**
 * The requirement files of a project, as its globs find them (none in the folders of deeper
 * configs), and the folders of the configs just below it: the same search as the CLI's.
 */
export async function discover(project: Project): Promise<ProjectScan> {
  if (project.root === undefined) return { files: [], nested: [] };
  const scan = await scanProject(project.root, project.workspace.policy);
  return { files: scan.files.filter((f) => project.wants(f)), nested: scan.nested };
}

/**
 * A file's text as the editor would show it; undefined if it cannot be read (gone, a folder, or not
 * a regular file: a pipe named *.req.yaml would otherwise block the server for good).
 */
export async function readText(file: string): Promise<string | undefined> {
  return readTextNow(file);
}

/** Lets pending messages (an edit, a cancellation) in between batches of work. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The same, at once: for the one file an editor just closed. */
export function readTextNow(file: string): string | undefined {
  try {
    return readRegularFile(file);
  } catch {
    return undefined;
  }
}
