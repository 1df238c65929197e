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

main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (line) => process.stderr.write(line + '\n'),
  color: process.env.FORCE_COLOR ? process.env.FORCE_COLOR !== '0' : color,
  version: typeof INBOUND_VERSION === 'string' ? INBOUND_VERSION : '0.0.0',
  progress,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A bug, not a user error: still one line, with a way to report it.
    process.stderr.write(`inbound: internal error: ${e instanceof Error ? e.message : String(e)} (set INBOUND_DEBUG=1 for details)\n`);
    if (process.env.INBOUND_DEBUG) console.error(e);
    process.exitCode = 2;
  },
);
