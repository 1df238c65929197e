/**
 * What happens when the server process dies: it is started again at once, and the user hears about
 * it once — not on every restart. After five crashes in three minutes it stays down, with a message
 * that says what to do.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction } from 'vscode-languageclient';
import type { CloseHandlerResult, ErrorHandler, ErrorHandlerResult } from 'vscode-languageclient';

const WINDOW_MS = 3 * 60_000;
const MAX_CRASHES = 5;

export class CrashPolicy implements ErrorHandler {
  private crashes: number[] = [];
  /** Restarts so far, and warnings shown (at most one): for the log and the tests. */
  restarts = 0;
  warnings = 0;

  constructor(private readonly output: vscode.LogOutputChannel) {}

  error(): ErrorHandlerResult {
    // A broken message is logged by the client; the connection itself carries on.
    return { action: ErrorAction.Continue, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes = this.crashes.filter((t) => now - t < WINDOW_MS);
    this.crashes.push(now);
    if (this.crashes.length >= MAX_CRASHES) {
      this.output.error(`The server stopped ${this.crashes.length} times in three minutes; not restarting it.`);
      return {
        action: CloseAction.DoNotRestart,
        message: `The Inbound server stopped ${this.crashes.length} times in three minutes and is not restarted again. Its log is in the Inbound output channel; run "Inbound: Restart Server" to try again.`,
      };
    }
    this.restarts++;
    this.output.warn(`The server stopped unexpectedly; restarting it (restart ${this.restarts}).`);
    if (this.warnings === 0) {
      this.warnings++;
      void vscode.window.showWarningMessage('The Inbound server stopped unexpectedly and was restarted. Its log is in the Inbound output channel.');
    }
    return { action: CloseAction.Restart, handled: true };
  }
}
