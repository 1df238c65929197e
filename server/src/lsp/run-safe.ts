/**
 * A failing feature answers with nothing and a line in the log, never with a dead server: a
 * product manager's half-typed file must not take hover, completion or diagnostics down.
 */
import { ResponseError } from 'vscode-languageserver';

export function runSafe<T>(log: (message: string) => void, what: string, fallback: T, work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof ResponseError) throw e;
    log(`Inbound: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return fallback;
  }
}
