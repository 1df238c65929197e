/**
 * The language server's memory once it has indexed a large workspace: its peak resident set, read
 * from the kernel, against the bytes of the files it holds. An idle server on an empty folder is
 * measured too, because the Node runtime alone is tens of megabytes whatever the workspace.
 */
import { join } from 'node:path';
import { LspSession } from './lsp-session';
import { SERVER_NODE_FLAGS } from '../server/src/lsp/protocol';

export interface MemoryRun {
  /** Peak RSS after indexing, bytes. */
  peakRss: number;
  /** RSS once indexing is done: the peak also holds what the garbage collector had not yet freed. */
  rss: number;
  /** From `initialized` to the status that says indexing is done. */
  indexMs: number;
  files: number;
  requirements: number;
}

interface Status {
  indexing: boolean;
  files: number;
  requirements: number;
}

export async function measureServer(repo: string, folder: string, today: string, expectFiles: number): Promise<MemoryRun> {
  const start = performance.now();
  const session = await LspSession.start({
    command: [process.execPath, ...SERVER_NODE_FLAGS, join(repo, 'dist', 'server.js'), '--stdio'],
    root: folder,
    initializationOptions: { debounceMs: 0, today },
  });
  try {
    const status = await session.notification<Status>('inbound/status', (s) => !s.indexing && s.files >= expectFiles, 240_000);
    const indexMs = performance.now() - start;
    if (!status) throw new Error(`the Inbound server did not report ${expectFiles} files indexed within 4 minutes; stderr: ${session.stderr.slice(-2000)}`);
    // The diagnostics of every file go out with the status; let the server finish sending them.
    await session.settle(300);
    const memory = session.memory();
    if (memory === undefined) throw new Error('cannot read the server process memory (/proc/<pid>/status): Linux only');
    return { peakRss: memory.peak, rss: memory.current, indexMs, files: status.files, requirements: status.requirements };
  } finally {
    await session.stop();
  }
}
