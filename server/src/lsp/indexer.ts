/** Reading a workspace folder from disk: its config and the requirement files its globs select. */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { glob } from 'tinyglobby';
import { decodeText } from '../node/read-text';
import type { Project } from './projects';

/** The requirement files of a folder, as the policy's globs find them. */
export async function discover(project: Project): Promise<string[]> {
  if (project.root === undefined) return [];
  const { files, ignore } = project.workspace.policy;
  const found = await glob(files, { cwd: project.root, ignore, absolute: true, followSymbolicLinks: false, onlyFiles: true, dot: false });
  return found.filter((f) => project.wants(f)).sort();
}

/** A file's text as the editor would show it; undefined if it cannot be read (gone, a folder …). */
export async function readText(file: string): Promise<string | undefined> {
  try {
    return decodeText(await readFile(file));
  } catch {
    return undefined;
  }
}

/** Lets pending messages (an edit, a cancellation) in between batches of work. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The same, at once: for the one file an editor just closed. */
export function readTextNow(file: string): string | undefined {
  try {
    return decodeText(readFileSync(file));
  } catch {
    return undefined;
  }
}
