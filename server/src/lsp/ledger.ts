/**
 * What the editor has been told, per document: the diagnostics last reported and an id for them.
 * Pushing republishes only what changed; pulling answers "unchanged" when the id still holds, and a
 * workspace pull waits here until something changes (a long poll) instead of recomputing on a timer.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { CancellationToken } from 'vscode-languageserver';

export interface LedgerEntry {
  uri: string;
  resultId: string;
  items: Diagnostic[];
  /** The open document's version the items are for; null for a file on disk. */
  version: number | null;
  signature: string;
}

export class DiagnosticsLedger {
  private readonly entries = new Map<string, LedgerEntry>();
  private seq = 0;
  private waiters: (() => void)[] = [];

  get(uri: string): LedgerEntry | undefined {
    return this.entries.get(uri);
  }

  /** Records a document's diagnostics; `changed` when they differ from what was reported before. */
  record(uri: string, items: Diagnostic[], version: number | null): { entry: LedgerEntry; changed: boolean } {
    const signature = JSON.stringify(items);
    const old = this.entries.get(uri);
    if (old && old.signature === signature) {
      // An open document's new version is news even with the same findings: the editor learns
      // that they hold for the text it now has.
      const newer = version !== null && old.version !== version;
      old.version = version;
      return { entry: old, changed: newer };
    }
    const entry = { uri, resultId: String(++this.seq), items, version, signature };
    this.entries.set(uri, entry);
    return { entry, changed: !!old || items.length > 0 };
  }

  /** Entries the client does not have yet (its previous result ids say what it has). */
  since(previous: ReadonlyMap<string, string>): LedgerEntry[] {
    const out: LedgerEntry[] = [];
    for (const entry of this.entries.values()) {
      const had = previous.get(entry.uri);
      if (had === entry.resultId) continue;
      // Nothing to say about a clean file the client never heard of.
      if (had === undefined && entry.items.length === 0) continue;
      out.push(entry);
    }
    return out;
  }

  entriesList(): IterableIterator<LedgerEntry> {
    return this.entries.values();
  }

  /** Wakes every waiting workspace pull. */
  notify(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }

  /** Resolves on the next change; false if the request was cancelled first. */
  waitForChange(token: CancellationToken): Promise<boolean> {
    return new Promise((resolve) => {
      if (token.isCancellationRequested) return resolve(false);
      const wake = () => {
        sub.dispose();
        resolve(true);
      };
      const sub = token.onCancellationRequested(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        sub.dispose();
        resolve(false);
      });
      this.waiters.push(wake);
    });
  }
}
