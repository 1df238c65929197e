/**
 * The language server: the engine's workspace kept in step with the editor (open documents, files on
 * disk, the config), and every LSP feature answered from it. Features live in their own modules;
 * this one only keeps state and routes requests.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
} from 'vscode-languageserver';
import type {
  Connection,
  Diagnostic as LspDiagnostic,
  DocumentDiagnosticReport,
  InitializeParams,
  InitializeResult,
  WorkspaceDocumentDiagnosticReport,
  WorkspaceFolder,
} from 'vscode-languageserver';
import { isIsoDate } from '../engine';
import type { FileAnalysis, LineIndex } from '../engine';
import { FIX_ALL_KIND, codeActions } from './code-actions';
import { codeLenses } from './code-lens';
import { complete } from './completion';
import { toDiagnostic } from './convert';
import { hover } from './hover';
import { discover, readText, readTextNow, yieldToEvents } from './indexer';
import { DiagnosticsLedger } from './ledger';
import { definition, prepareRename, references, rename } from './navigation';
import { newRequirement } from './new-requirement';
import { fileOf, Projects, uriOf } from './projects';
import type { Project } from './projects';
import { NewRequirementRequest, ReportRequest, StatusNotification } from './protocol';
import type { WorkspaceStatus } from './protocol';
import { reportFor } from './report';
import { runSafe } from './run-safe';
import { documentSymbols, workspaceSymbols } from './symbols';

export interface ServerOptions {
  /** Fixes the clock (YYYY-MM-DD) for tests; also INBOUND_TODAY in the environment. */
  today?: string;
  /** Delay before pushed diagnostics are recomputed after an edit; 0 for measurements. */
  debounceMs?: number;
  /** False in an untrusted workspace (VS Code's Restricted Mode). */
  trusted?: boolean;
}

/** One document as the features see it: the engine's analysis of exactly the text the editor has. */
export interface DocumentView {
  uri: string;
  file: string;
  project: Project;
  text: string;
  lines: LineIndex;
  /** Undefined for the config file and for files that are not requirement files. */
  analysis?: FileAnalysis;
  isConfig: boolean;
  version: number | null;
}

const BATCH = 50;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const ledger = new DiagnosticsLedger();
  let projects = new Projects(undefined);
  let pull = false;
  let canRefresh = false;
  let canProgress = false;
  let debounceMs = 200;
  /** Open documents changed since the engine last read them. */
  const pending = new Set<string>();
  /** Per folder: a counter that makes an older indexing run give way to a newer one. */
  const indexRuns = new Map<Project, number>();
  let indexing = 0;
  let flushTimer: NodeJS.Timeout | undefined;
  let lastStatus = '';

  const log = (message: string) => connection.console.log(message);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as ServerOptions;
    const today = [options.today, process.env.INBOUND_TODAY].find((d): d is string => typeof d === 'string' && isIsoDate(d));
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
    projects = new Projects(today, options.trusted !== false);
    const caps = params.capabilities;
    pull = !!caps.textDocument?.diagnostic;
    canRefresh = !!caps.workspace?.diagnostics?.refreshSupport;
    canProgress = !!caps.window?.workDoneProgress;
    watchedFilesDynamic = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    for (const folder of folders(params)) projects.add(fileOf(folder.uri));
    log(`Inbound ${pull ? 'pull' : 'push'} diagnostics; folders: ${projects.all().map((p) => p.root ?? '(loose files)').join(', ')}`);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        ...(pull ? { diagnosticProvider: { identifier: 'inbound', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        completionProvider: { triggerCharacters: [' ', ':', '[', ',', '-'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: { label: 'Requirements' },
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'inbound', version: typeof INBOUND_VERSION === 'string' ? INBOUND_VERSION : undefined },
    };
  });

  let watchedFilesDynamic = false;
  connection.onInitialized(() => {
    if (watchedFilesDynamic) {
      // YAML files and the config anywhere: the server decides which of them are requirement files.
      // A deleted folder is reported as the folder alone: every deletion is watched for that.
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*', kind: WatchKind.Delete }],
      });
    }
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      for (const f of e.removed) {
        const gone = projects.remove(fileOf(f.uri));
        if (gone) for (const file of gone.workspace.fileNames()) gone.workspace.deleteFile(file);
        if (gone) {
          gone.applyConfig('', undefined);
          flushProject(gone);
        }
      }
      for (const f of e.added) void indexProject(projects.add(fileOf(f.uri)));
      scheduleFlush();
    });
    for (const project of projects.all()) if (project.root) void indexProject(project);
  });

  // ----- keeping the engine in step -------------------------------------------------------------

  /** Gives the engine the open document's current text, if it has not seen it yet. */
  function syncDocument(uri: string): void {
    pending.delete(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    const file = fileOf(uri);
    const owner = projects.configOwner(file);
    if (owner) {
      applyConfig(owner, file, doc.getText());
      return;
    }
    const project = projects.forFile(file);
    if (!project.wants(file)) return;
    project.workspace.setFile(file, doc.getText());
    project.workspace.touch(file);
  }

  function syncAll(): void {
    for (const uri of [...pending]) syncDocument(uri);
  }

  /** A changed config re-applies the policy at once; changed globs need the folder searched again. */
  function applyConfig(project: Project, file: string, text: string | undefined): void {
    const { files, ignore } = project.workspace.policy;
    project.applyConfig(file, text);
    const after = project.workspace.policy;
    if (JSON.stringify([files, ignore]) !== JSON.stringify([after.files, after.ignore])) void indexProject(project);
  }

  async function indexProject(project: Project): Promise<void> {
    const run = (indexRuns.get(project) ?? 0) + 1;
    indexRuns.set(project, run);
    const stale = () => indexRuns.get(project) !== run;
    indexing++;
    sendStatus();
    const progress = canProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Inbound', 0, 'Reading requirement files…', false);
    try {
      const configPath = project.configPath!;
      const openConfig = documents.get(uriOf(configPath));
      if (!openConfig) {
        const configText = await readText(configPath);
        if (stale()) return;
        project.applyConfig(configPath, configText);
      }
      const found = await discover(project);
      if (stale()) return;
      const keep = new Set(found);
      for (const file of project.workspace.fileNames()) {
        if (!keep.has(file) && !documents.get(uriOf(file))) project.workspace.deleteFile(file);
      }
      for (let i = 0; i < found.length; i += BATCH) {
        const batch = found.slice(i, i + BATCH);
        const texts = await Promise.all(batch.map((f) => (documents.get(uriOf(f)) ? undefined : readText(f))));
        if (stale()) return;
        batch.forEach((file, j) => {
          const text = texts[j];
          if (text !== undefined) project.workspace.setFile(file, text);
        });
        progress?.report(Math.round(((i + batch.length) / found.length) * 100), `${i + batch.length} of ${found.length} files`);
        await yieldToEvents();
        if (stale()) return;
      }
      for (const doc of documents.all()) if (project.holds(fileOf(doc.uri))) pending.add(doc.uri);
      log(`Indexed ${found.length} requirement files in ${project.root}`);
    } catch (e) {
      log(`Indexing ${project.root} failed: ${(e as Error).message}`);
    } finally {
      indexing--;
      progress?.done();
      flush();
    }
  }

  documents.onDidOpen((e) => {
    pending.add(e.document.uri);
    scheduleFlush();
  });
  documents.onDidChangeContent((e) => {
    pending.add(e.document.uri);
    scheduleFlush();
  });
  documents.onDidClose((e) => {
    // Back to what is on disk: the editor's unsaved text is gone with it. Read at once, so no
    // request after the close can see the closed buffer.
    pending.delete(e.document.uri);
    const file = fileOf(e.document.uri);
    const text = file === e.document.uri ? undefined : readTextNow(file);
    const owner = projects.configOwner(file);
    if (owner) applyConfig(owner, file, text);
    else {
      const project = projects.forFile(file);
      if (text !== undefined && project.wants(file) && project.root !== undefined) project.workspace.setFile(file, text);
      else project.workspace.deleteFile(file);
    }
    scheduleFlush();
  });

  // File events are handled one batch after another: a delete must not overtake the read of the
  // create before it.
  let fileEvents = Promise.resolve();
  connection.onDidChangeWatchedFiles((params) => {
    fileEvents = fileEvents.then(async () => {
      for (const change of params.changes) {
        const file = fileOf(change.uri);
        if (documents.get(change.uri)) continue; // the editor's text wins while it is open
        const owner = projects.configOwner(file);
        if (owner) {
          applyConfig(owner, file, change.type === FileChangeType.Deleted ? undefined : await readText(file));
          continue;
        }
        const project = projects.forFile(file);
        if (change.type === FileChangeType.Deleted) {
          if (!project.workspace.deleteFile(file)) {
            // A folder went away: everything under it.
            for (const f of project.workspace.fileNames()) if (f.startsWith(file + '/') || f.startsWith(file + '\\')) project.workspace.deleteFile(f);
          }
          continue;
        }
        if (!project.wants(file) || project.root === undefined) continue;
        const text = await readText(file);
        if (text === undefined) project.workspace.deleteFile(file);
        else project.workspace.setFile(file, text);
      }
      scheduleFlush();
    }).catch((e: unknown) => log(`Inbound: file changes failed: ${(e as Error).message}`));
  });

  // ----- diagnostics -------------------------------------------------------------------------

  function diagnosticsOf(project: Project, file: string): LspDiagnostic[] {
    const lines = project.workspace.linesOf(file);
    if (!lines) return [];
    const locate = (other: string) => {
      const l = project.workspace.linesOf(other);
      return l ? { uri: uriOf(other), lines: l } : undefined;
    };
    return project.workspace.diagnostics(file).diagnostics.map((d) => toDiagnostic(d, lines, locate));
  }

  function versionOf(uri: string): number | null {
    return documents.get(uri)?.version ?? null;
  }

  function scheduleFlush(): void {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = setTimeout(flush, debounceMs);
  }

  /** Recomputes what changed and tells the editor: pushed, or for the next pull. */
  function flush(): void {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    runSafe(log, 'diagnostics', undefined, () => {
      syncAll();
      const changed: string[] = [];
      for (const project of projects.all()) changed.push(...flushProject(project));
      if (pull && changed.length) {
        ledger.notify();
        if (canRefresh && changed.some((uri) => documents.get(uri))) void connection.languages.diagnostics.refresh().catch(() => undefined);
      }
      sendStatus();
    });
  }

  function flushProject(project: Project): string[] {
    const changed: string[] = [];
    for (const file of project.workspace.takeChanged()) {
      const uri = uriOf(file);
      const items = diagnosticsOf(project, file);
      const { changed: differs } = ledger.record(uri, items, versionOf(uri));
      if (!differs) continue;
      changed.push(uri);
      if (!pull) void connection.sendDiagnostics({ uri, version: versionOf(uri) ?? undefined, diagnostics: items });
    }
    return changed;
  }

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    // Let a cancellation (or the next edit) that is already on its way arrive first.
    await yieldToEvents();
    return runSafe<DocumentDiagnosticReport>(log, 'document diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, () => {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
      const uri = params.textDocument.uri;
      if (pending.has(uri)) syncDocument(uri);
      const file = fileOf(uri);
      const project = projects.configOwner(file) ?? projects.forFile(file);
      const { entry } = ledger.record(uri, diagnosticsOf(project, file), versionOf(uri));
      if (params.previousResultId === entry.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: entry.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: entry.resultId, items: entry.items };
    });
  });

  connection.languages.diagnostics.onWorkspace(async (params, token) => {
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    for (;;) {
      flush();
      const items: WorkspaceDocumentDiagnosticReport[] = ledger.since(previous).map((e) => ({
        kind: DocumentDiagnosticReportKind.Full,
        uri: e.uri,
        version: e.version,
        resultId: e.resultId,
        items: e.items,
      }));
      if (items.length) return { items };
      // Nothing new: hold the request until something changes (the client asks again right after).
      if (!(await ledger.waitForChange(token))) {
        throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
      }
    }
  });

  function sendStatus(): void {
    const status: WorkspaceStatus = { indexing: indexing > 0, files: 0, requirements: 0, roadmap: 0, ready: 0, errors: 0, warnings: 0 };
    for (const project of projects.all()) {
      const ws = project.workspace;
      for (const a of ws.analyses()) {
        status.files++;
        status.requirements += a.model.requirements.length;
        for (const req of a.model.requirements) if (req.status && ws.policy.roadmapStatuses.includes(req.status)) status.roadmap++;
      }
    }
    let blocked = 0;
    for (const entry of ledger.entriesList()) {
      for (const d of entry.items) {
        if (d.severity === 1) status.errors++;
        else if (d.severity === 2) status.warnings++;
        if (d.code === 'roadmap-gate') blocked++;
      }
    }
    status.ready = Math.max(0, status.roadmap - blocked);
    const text = JSON.stringify(status);
    if (text === lastStatus) return;
    lastStatus = text;
    void connection.sendNotification(StatusNotification, status);
  }

  // ----- features --------------------------------------------------------------------------------

  function view(uri: string): DocumentView | undefined {
    if (pending.has(uri)) syncDocument(uri);
    const file = fileOf(uri);
    const owner = projects.configOwner(file);
    const project = owner ?? projects.forFile(file);
    const lines = project.workspace.linesOf(file);
    if (!lines) return undefined;
    return {
      uri,
      file,
      project,
      text: lines.text,
      lines,
      analysis: project.workspace.get(file),
      isConfig: !!owner,
      version: versionOf(uri),
    };
  }

  /** Every view a workspace-wide feature needs is fresh: pending edits go in first. */
  function fresh(): Projects {
    syncAll();
    return projects;
  }

  connection.onCodeAction((params) => runSafe(log, 'code actions', [], () => codeActions(view(params.textDocument.uri), params)));
  connection.onCompletion((params) => runSafe(log, 'completion', [], () => complete(view(params.textDocument.uri), params.position)));
  connection.onHover((params) => runSafe(log, 'hover', null, () => hover(view(params.textDocument.uri), params.position)));
  connection.onDefinition((params) => runSafe(log, 'definition', [], () => definition(view(params.textDocument.uri), params.position)));
  connection.onReferences((params) =>
    runSafe(log, 'references', [], () => references(view(params.textDocument.uri), params.position, params.context.includeDeclaration)),
  );
  connection.onPrepareRename((params) => runSafe(log, 'rename', null, () => prepareRename(view(params.textDocument.uri), params.position)));
  connection.onRenameRequest((params) => {
    fresh();
    return rename(view(params.textDocument.uri), params.position, params.newName, (uri) => versionOf(uri));
  });
  connection.onDocumentSymbol((params) => runSafe(log, 'symbols', [], () => documentSymbols(view(params.textDocument.uri))));
  connection.onWorkspaceSymbol((params) => runSafe(log, 'workspace symbols', [], () => workspaceSymbols(fresh().all(), params.query)));
  connection.onCodeLens((params) => runSafe(log, 'code lens', [], () => codeLenses(view(params.textDocument.uri))));
  connection.onRequest(NewRequirementRequest, (params) => runSafe(log, 'new requirement', null, () => newRequirement(view(params.uri))));
  connection.onRequest(ReportRequest, (params) =>
    runSafe(log, 'report', null, () => {
      const all = fresh();
      const project = params.uri ? all.forFile(fileOf(params.uri)) : all.first();
      return reportFor(project);
    }),
  );

  documents.listen(connection);
  connection.listen();
}

function folders(params: InitializeParams): WorkspaceFolder[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders;
  const root = params.rootUri ?? (params.rootPath ? uriOf(params.rootPath) : undefined);
  return root && root.startsWith('file:') ? [{ uri: root, name: 'root' }] : [];
}

declare const INBOUND_VERSION: string;
