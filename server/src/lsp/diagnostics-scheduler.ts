/**
 * When diagnostics are recomputed and how the editor hears of them: after a short debounce, only
 * for the files whose findings changed; pushed to editors that do not pull, kept for the next pull
 * (and a waiting workspace pull woken) in editors that do. The status bar's numbers go out with
 * each flush.
 *
 * The document being typed in is the exception in editors that do not pull (Neovim, Helix): its
 * own diagnostics are pushed as soon as its edit is read, without the debounce, as a pulling
 * editor has them by asking; what the edit changes in other files goes out after the debounce.
 */
import { DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type {
  CancellationToken,
  Connection,
  Diagnostic as LspDiagnostic,
  DocumentDiagnosticParams,
  DocumentDiagnosticReport,
  WorkspaceDiagnosticParams,
  WorkspaceDiagnosticReport,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { toDiagnostic } from './convert';
import { nextTurn, yieldToEvents } from './file-access';
import { DiagnosticsLedger } from './ledger';
import { fileOf, uriOf } from './projects';
import type { Project } from './projects';
import { StatusNotification } from './protocol';
import { workspaceStatus } from './workspace-status';
import { runSafe } from './run-safe';
import type { ServerState } from './server-state';

export interface SchedulerOptions {
  /** The client pulls diagnostics (else they are pushed). */
  pull: boolean;
  /** The client can be asked to pull again (workspace/diagnostic/refresh). */
  canRefresh: boolean;
  debounceMs: number;
}

export class DiagnosticsScheduler {
  private readonly ledger = new DiagnosticsLedger();
  private timer: NodeJS.Timeout | undefined;
  /** Open documents edited since their own diagnostics were last pushed, and the turn that pushes them. */
  private readonly typed = new Set<string>();
  private cancelTyped: (() => void) | undefined;
  private lastStatus = '';
  options: SchedulerOptions = { pull: false, canRefresh: false, debounceMs: 200 };

  constructor(
    private readonly connection: Connection,
    private readonly state: ServerState,
    private readonly indexing: () => boolean,
    private readonly log: (message: string) => void,
    /** See `Indexer.isReading`. */
    private readonly reading: (project: Project) => boolean = () => false,
  ) {}

  /** Something changed: recompute after the debounce (a burst of edits costs one run). */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.options.debounceMs);
  }

  /**
   * An open document was edited (or opened). In push mode its own diagnostics go out once the
   * messages already read have been handled: the protocol library handles one per turn of the event
   * loop, each a turn after the one before, so waiting two turns lets a queued edit come first and
   * wait again. A burst of keystrokes costs one analysis, as with the debounce, and a single one
   * none. Everything else waits for the debounce.
   */
  edited(uri: string): void {
    if (!this.options.pull) {
      this.typed.add(uri);
      this.cancelTyped?.();
      this.cancelTyped = nextTurn(() => {
        this.cancelTyped = nextTurn(() => this.pushTyped());
      });
    }
    this.schedule();
  }

  private pushTyped(): void {
    this.cancelTyped = undefined;
    const uris = [...this.typed];
    this.typed.clear();
    runSafe(this.log, 'diagnostics', undefined, () => {
      for (const uri of uris) {
        if (!this.state.isOpen(uri)) continue;
        // A document opened before its project's config was read: the indexer pushes the open
        // files as soon as the config is in (`pushRead`), and analysing it once, under the right
        // config, is also what lets it come from the cache.
        if (this.state.awaitsConfig(uri)) continue;
        if (this.state.isPending(uri)) this.state.syncDocument(uri);
        // Asked after the sync: a config opened in the editor makes its folder a project.
        const file = fileOf(uri);
        const project = this.state.projectOf(uri);
        // Its findings from the cross-file rules too (they run over the workspace in linear time);
        // the other files they now judge differently are marked changed and go out with the flush.
        // Not while its project is being read: what they say about a workspace half read (a
        // reference to a file not read yet) would be wrong, and the flush after the reading brings them.
        const own = this.reading(project);
        const items = this.diagnosticsOf(project, file, own);
        const version = this.state.versionOf(uri);
        if (this.ledger.record(uri, items, version).changed) void this.connection.sendDiagnostics({ uri, version: version ?? undefined, diagnostics: items });
        // Its whole diagnostics are still due: the flush after the reading must not take these for them.
        if (own) project.workspace.touch(file);
      }
    });
  }

  /**
   * Files of a project being read, pushed as they come with their own findings (an editor that
   * pulls asks for the open ones itself); the cross-file findings follow with the flush at the end
   * of the reading, when the whole workspace is known.
   */
  pushRead(project: Project, files: readonly string[]): void {
    if (this.options.pull) return;
    runSafe(this.log, 'diagnostics', undefined, () => {
      for (const file of files) {
        if (!project.workspace.has(file)) continue;
        const uri = uriOf(file);
        const items = this.diagnosticsOf(project, file, true);
        const version = this.state.versionOf(uri);
        if (this.ledger.record(uri, items, version).changed) void this.connection.sendDiagnostics({ uri, version: version ?? undefined, diagnostics: items });
      }
    });
  }

  /** Recomputes what changed and tells the editor: pushed, or for the next pull. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    runSafe(this.log, 'diagnostics', undefined, () => {
      // A project being read is flushed when the reading ends (what the cross-file rules say of a
      // workspace half read would be wrong), and a document whose project's config is not read yet
      // is not judged by the default policy meanwhile.
      this.state.syncAll((uri) => this.state.awaitsConfig(uri));
      const changed: string[] = [];
      for (const project of this.state.projects.all()) {
        if (this.reading(project)) continue;
        for (const uri of this.flushProject(project)) changed.push(uri);
      }
      if (this.options.pull && changed.length) {
        this.ledger.notify();
        if (this.options.canRefresh && changed.some((uri) => this.state.isOpen(uri))) {
          void this.connection.languages.diagnostics.refresh().catch(() => undefined);
        }
      }
      this.sendStatus();
    });
  }

  /** Reports the project's changed files; returns their URIs. */
  flushProject(project: Project): string[] {
    const changed: string[] = [];
    for (const file of project.workspace.takeChanged()) {
      const uri = uriOf(file);
      const items = this.diagnosticsOf(project, file);
      const version = this.state.versionOf(uri);
      const { changed: differs } = this.ledger.record(uri, items, version);
      if (!differs) continue;
      changed.push(uri);
      if (!this.options.pull) void this.connection.sendDiagnostics({ uri, version: version ?? undefined, diagnostics: items });
    }
    return changed;
  }

  /** `own`: the file's own findings only, without the cross-file ones (see `pushRead`). */
  private diagnosticsOf(project: Project, file: string, own = false): LspDiagnostic[] {
    const lines = project.workspace.linesOf(file);
    if (!lines) return [];
    const locate = (other: string) => {
      const l = project.workspace.linesOf(other);
      return l ? { uri: uriOf(other), lines: l } : undefined;
    };
    const judged = own ? project.workspace.ownDiagnostics(file) : project.workspace.diagnostics(file);
    return judged.diagnostics.map((d) => toDiagnostic(d, lines, locate));
  }

  /** textDocument/diagnostic: one document, "unchanged" when the client has the latest. */
  async pullDocument(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    // Let a cancellation (or the next edit) that is already on its way arrive first.
    await yieldToEvents();
    return runSafe<DocumentDiagnosticReport>(this.log, 'document diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, () => {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
      const uri = params.textDocument.uri;
      if (this.state.isPending(uri)) this.state.syncDocument(uri);
      const file = fileOf(uri);
      const project = this.state.projects.configOwner(file) ?? this.state.projects.forFile(file);
      const { entry } = this.ledger.record(uri, this.diagnosticsOf(project, file), this.state.versionOf(uri));
      if (params.previousResultId === entry.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: entry.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: entry.resultId, items: entry.items };
    });
  }

  /** workspace/diagnostic: what the client does not have yet, or a long poll until there is some. */
  async pullWorkspace(params: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    for (;;) {
      this.flush();
      const items: WorkspaceDocumentDiagnosticReport[] = this.ledger.since(previous).map((e) => ({
        kind: DocumentDiagnosticReportKind.Full,
        uri: e.uri,
        version: e.version,
        resultId: e.resultId,
        items: e.items,
      }));
      if (items.length) return { items };
      // Nothing new: hold the request until something changes (the client asks again right after).
      if (!(await this.ledger.waitForChange(token))) {
        throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
      }
    }
  }

  /** The workspace at a glance, for the status bar; sent only when it changed. */
  sendStatus(): void {
    const status = workspaceStatus(this.state.projects.all(), this.indexing());
    for (const entry of this.ledger.entriesList()) {
      for (const d of entry.items) {
        if (d.severity === 1) status.errors++;
        else if (d.severity === 2) status.warnings++;
      }
    }
    const text = JSON.stringify(status);
    if (text === this.lastStatus) return;
    this.lastStatus = text;
    void this.connection.sendNotification(StatusNotification, status);
  }
}
