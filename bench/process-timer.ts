/** Runs a command as a whole process and measures it as a user would wait for it: cold, start to exit. */
import { spawnSync } from 'node:child_process';

export interface ProcessRun {
  wallMs: number;
  /** User plus system CPU of the process and its children: less sensitive to a busy machine than wall time. */
  cpuMs: number;
  exitCode: number;
  stderr: string;
}

/**
 * The shell runs the command with its output to /dev/null and then prints `times`, the CPU its
 * children used: Node cannot read a child's resource usage itself. The shell adds the same few
 * milliseconds to every command.
 */
const SCRIPT = '"$@" >/dev/null; rc=$?; times; echo "exit $rc"';

export function timeProcess(command: readonly string[], cwd: string): ProcessRun {
  const start = performance.now();
  const r = spawnSync('/bin/sh', ['-c', SCRIPT, 'sh', ...command], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - start;
  if (r.error) throw r.error;
  const out = r.stdout ?? '';
  // `times` prints the shell's own user and system time, then its children's: take the last pair.
  const clock = [...out.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60_000 + Number(m[2]) * 1000);
  const exit = /exit (\d+)/.exec(out);
  return {
    wallMs,
    cpuMs: clock.length >= 4 ? clock[2] + clock[3] : NaN,
    exitCode: exit ? Number(exit[1]) : (r.status ?? -1),
    stderr: r.stderr ?? '',
  };
}
