/**
 * `inbound check` on a large workspace: the files are shared out among worker threads, largest
 * first, each to the least loaded share; this thread takes a share too. Each file is analysed
 * where it is read, and its analysis comes back as data. Small workspaces stay in one thread:
 * starting a thread costs more than it saves.
 */
import { statSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Policy } from '../../../schemas/config';
import { analyzeFile } from '../engine/analyze';
import type { FileAnalysis } from '../engine/analyze';
import { LineIndex } from '../engine/text';
import { readText } from './read-text';

export interface AnalysisJob {
  files: string[];
  policy: Policy;
  today: string;
}

/** One file's analysis, or why it could not be read (an error's code and message). */
export interface Analysed {
  file: string;
  analysis?: FileAnalysis;
  error?: { code?: string; message: string };
}

/** Fewer files than this are checked in one thread. */
const MIN_FILES = 24;
/** Threads beyond this add copying more than they save. */
const MAX_WORKERS = 3;

export function analyseOne(file: string, ctx: { policy: Policy; today: string }): Analysed {
  let text: string;
  try {
    text = readText(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { file, error: { code: err.code, message: String(err.message ?? e) } };
  }
  return { file, analysis: analyzeFile(file, text, ctx) };
}

/** The analyses in the order of `files`; undefined when one thread is the better choice. */
export async function analyzeInParallel(
  files: string[],
  ctx: { policy: Policy; today: string },
  onProgress?: (done: number, total: number) => void,
): Promise<Analysed[] | undefined> {
  const worker = workerFile();
  const requested = Number(process.env.INBOUND_THREADS) || availableParallelism();
  const workers = Math.min(requested - 1, MAX_WORKERS, Math.floor(files.length / MIN_FILES));
  if (!worker || workers < 1) return undefined;

  const shares = Array.from({ length: workers + 1 }, () => ({ files: [] as string[], bytes: 0 }));
  const sized = files.map((file) => ({ file, bytes: sizeOf(file) })).sort((a, b) => b.bytes - a.bytes);
  for (const { file, bytes } of sized) {
    const share = shares.reduce((least, s) => (s.bytes < least.bytes ? s : least));
    share.files.push(file);
    share.bytes += bytes;
  }
  const [own, ...others] = shares;
  let done = 0;
  const progress = (n: number) => onProgress?.((done += n), files.length);
  const running = others.map((share) =>
    inWorker(worker, { files: share.files, ...ctx }).then(
      (r) => (progress(r.length), r),
      // A thread that fails is not the user's problem: its share is done here instead.
      () => share.files.map((f) => (progress(1), analyseOne(f, ctx))),
    ),
  );
  const results = own.files.map((f) => (progress(1), analyseOne(f, ctx)));
  for (const r of await Promise.all(running)) results.push(...r);
  const byFile = new Map(results.map((r) => [r.file, r]));
  return files.map((f) => byFile.get(f)!);
}

function inWorker(file: string, job: AnalysisJob): Promise<Analysed[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: job });
    worker.once('message', (results: Analysed[]) => {
      // Classes do not cross threads: the line index is rebuilt from the text.
      for (const r of results) if (r.analysis) r.analysis.lines = new LineIndex(r.analysis.text);
      resolve(results);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`analysis thread exited with ${code}`)));
  });
}

/** The worker's bundle beside this one (dist/); from the sources there is none, and one thread is used. */
function workerFile(): string | undefined {
  const file = join(__dirname, 'analysis-worker.js');
  return existsSync(file) ? file : undefined;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
