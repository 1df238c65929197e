/** Entry point of the `inbound` binary. */
import { main } from './cli/main';

declare const INBOUND_VERSION: string;

const progress =
  process.stderr.isTTY === true
    ? (done: number, total: number) => {
        if (total === 0) process.stderr.write('\r\x1b[K');
        else if (total >= 200 && (done % 100 === 0 || done === total)) process.stderr.write(`\rinbound: ${done}/${total} files`);
      }
    : undefined;

const color = process.stdout.isTTY === true && !process.env.NO_COLOR;

/**
 * A reader that stops reading (`inbound check | head`, a pager quit early) closes the pipe, and
 * every later write fails with EPIPE, reported as an 'error' event that would otherwise end the
 * process with a stack trace. What is left to print is dropped; the command still runs to its end
 * and the process exits with the code it would have had. Any other write failure (a full disk
 * under `> report.md`) is one line on stderr and exit code 2, like every other I/O failure.
 */
const closed = { stdout: false, stderr: false };
for (const name of ['stdout', 'stderr'] as const) {
  process[name].on('error', (e: NodeJS.ErrnoException) => {
    if (closed[name]) return;
    closed[name] = true;
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    if (!closed.stderr) process.stderr.write(`inbound: cannot write to ${name}: ${e.message.split('\n')[0]}\n`);
    process.exitCode = 2;
  });
}

main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => {
    if (closed.stdout || process.stdout.write(text)) return undefined;
    // The pipe is full: wait until it drains (or closes) before the next piece.
    return new Promise<void>((resolve) => {
      const done = () => {
        process.stdout.off('drain', done).off('close', done).off('error', done);
        resolve();
      };
      process.stdout.on('drain', done).on('close', done).on('error', done);
    });
  },
  stderr: (line) => {
    if (!closed.stderr) process.stderr.write(line + '\n');
  },
  color: process.env.FORCE_COLOR ? process.env.FORCE_COLOR !== '0' : color,
  version: typeof INBOUND_VERSION === 'string' ? INBOUND_VERSION : '0.0.0',
  progress,
}).then(
  (code) => {
    // A failed write to stdout (not a closed pipe) outranks a clean result: the output is incomplete.
    process.exitCode = Math.max(code, Number(process.exitCode ?? 0));
  },
  (e: unknown) => {
    // A bug, not a user error: still one line, with a way to report it.
    if (!closed.stderr) process.stderr.write(`inbound: internal error: ${e instanceof Error ? e.message : String(e)} (set INBOUND_DEBUG=1 for details)\n`);
    if (process.env.INBOUND_DEBUG) console.error(e);
    process.exitCode = 2;
  },
);
