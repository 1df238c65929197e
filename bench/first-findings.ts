/**
 * What a person waits for in an editor that does not pull diagnostics (Neovim, Helix), with the
 * server's default delay of 200 ms: a keystroke until the typed file's own findings are published,
 * and, opening a large workspace, until the open file's findings are published against until the
 * whole workspace is read (without the cache and from it).
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from '../server/src/lsp/protocol';
import type { Keystroke } from './edits';
import { fileUri, LspSession } from './lsp-session';

/** The server's default delay before the cross-file consequences of an edit go out. */
export const DEFAULT_DELAY_MS = 200;

export interface PushTyping {
  latencies: number[];
}

/** Each keystroke, sent when the one before has been answered, timed to the typed file's publication carrying its version. */
export async function pushTyping(repo: string, folder: string, file: string, today: string, keystrokes: readonly Keystroke[]): Promise<PushTyping> {
  const session = await LspSession.start({
    command: [process.execPath, ...SERVER_NODE_FLAGS, join(repo, 'dist', 'server.js'), '--stdio'],
    root: folder,
    initializationOptions: { debounceMs: DEFAULT_DELAY_MS, today },
  });
  try {
    const uri = fileUri(file);
    const opened = session.publication(uri, (p) => p.version === 1, 120_000);
    await session.open(uri, readFileSync(file, 'utf8'));
    if (!(await opened)) throw new Error(`no diagnostics for the opened file; stderr: ${session.stderr.slice(-2000)}`);
    const latencies: number[] = [];
    let version = 1;
    for (const k of keystrokes) {
      version++;
      const v = version;
      const published = session.publication(uri, (p) => p.version === v, 60_000);
      const sent = await session.change(uri, v, [{ range: { start: { line: k.line, character: k.character }, end: { line: k.line, character: k.character } }, text: k.text }]);
      const p = await published;
      if (!p) throw new Error(`no diagnostics for version ${v}; stderr: ${session.stderr.slice(-2000)}`);
      latencies.push(p.at - sent);
    }
    return { latencies };
  } finally {
    await session.stop();
  }
}

export interface Opening {
  /** From `initialized` to the open file's first diagnostics. */
  openFileMs: number;
  /** From `initialized` to the status that says the workspace is read. */
  indexedMs: number;
}

/**
 * A workspace opened with one of its files in the editor (sent right after `initialized`, as an
 * editor restores its tabs). `cacheFile`: the server's cache between sessions, if any.
 */
export async function openWorkspace(repo: string, folder: string, file: string, today: string, expectFiles: number, cacheFile?: string): Promise<Opening> {
  const start = performance.now();
  const session = await LspSession.start({
    command: [process.execPath, ...SERVER_NODE_FLAGS, join(repo, 'dist', 'server.js'), '--stdio'],
    root: folder,
    initializationOptions: { debounceMs: DEFAULT_DELAY_MS, today, ...(cacheFile ? { cacheFile } : {}) },
  });
  try {
    const uri = fileUri(file);
    const first = session.publication(uri, () => true, 240_000);
    const indexed = session
      .notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files >= expectFiles, 240_000)
      .then((s) => (s ? performance.now() : undefined));
    await session.open(uri, readFileSync(file, 'utf8'));
    const [p, indexedAt] = await Promise.all([first, indexed]);
    if (!p || indexedAt === undefined) throw new Error(`the workspace did not open within 4 minutes; stderr: ${session.stderr.slice(-2000)}`);
    return { openFileMs: p.at - start, indexedMs: indexedAt - start };
  } finally {
    await session.stop();
  }
}

/** A fresh folder for a cache file. */
export function freshCache(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return join(dir, 'analyses.cache');
}
