/** Reading a workspace folder from disk: its config and the requirement files its globs select. */
import { glob } from 'tinyglobby';
import { readText as readRegularFile } from '../node/read-text';
import type { Project } from './projects';

/** The requirement files of a folder, as the policy's globs find them. */
export async function discover(project: Project): Promise<string[]> {
  if (project.root === undefined) return [];
  const { files, ignore } = project.workspace.policy;
  const found = await glob(files, { cwd: project.root, ignore, absolute: true, followSymbolicLinks: false, onlyFiles: true, dot: false });
  return found.filter((f) => project.wants(f)).sort();
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
