/**
 * The language server: wires the editor's messages to the server's parts. The state (open documents,
 * projects) lives in server-state.ts, reading folders from disk in indexing.ts, when diagnostics are
 * recomputed and sent in diagnostics-scheduler.ts, and each feature in its own module, which sees a
 * document only through a `DocumentView`.
 */
import { CodeActionKind, DidChangeWatchedFilesNotification, TextDocumentSyncKind, WatchKind } from 'vscode-languageserver';
import type { Connection, InitializeParams, InitializeResult, WorkspaceFolder } from 'vscode-languageserver';
import { isIsoDate } from '../engine';
import { FIX_ALL_KIND, codeActions } from './code-actions';
import { codeLenses } from './code-lens';
import { complete } from './completion';
import { DiagnosticsScheduler } from './diagnostics-scheduler';
import { clientFiles } from './client-files';
import { startEditorExtras } from './editor-extras';
import { hover } from './hover';
import { Indexer } from './indexing';
import { definition, prepareRename, references, rename } from './navigation';
import { newRequirement } from './new-requirement';
import { fileOf, Projects, uriOf } from './projects';
import { DiffRequest, NewRequirementRequest, ReportRequest, ToolRequest } from './protocol';
import { reportFor } from './report';
import { runSafe } from './run-safe';
import { ServerState } from './server-state';
import { documentSymbols, workspaceSymbols } from './symbols';
import { answerToolRequest } from './tools';
import { isVirtualPath, nameByPath } from './virtual-files';
import type { KeptAnalysesStore, ServerHost, ServerOptions } from './server-host';

export function startServer(connection: Connection, host: ServerHost = {}): void {
  const log = (message: string) => connection.console.log(message);
  const state = new ServerState({
    reindex: (project) => void indexer.indexProject(project),
    removed: (project) => scheduler.flushProject(project),
  });
  const scheduler = new DiagnosticsScheduler(connection, state, () => indexer.busy, log, (project) => indexer.isReading(project));
  const supplied = clientFiles(connection);
  const { disk } = host;
  const indexer = new Indexer(
    connection,
    state,
    {
      log,
      busyChanged: () => scheduler.sendStatus(),
      filesChanged: (now) => (now ? scheduler.flush() : scheduler.schedule()),
      filesRead: (project, files) => scheduler.pushRead(project, files),
      indexed: () => kept?.save(),
    },
    (path) => (disk && !isVirtualPath(path) ? disk : supplied),
  );
  /** A workspace folder's path; one the server cannot read itself is named by URI and supplied by the editor. */
  const folderPath = (uri: string): string => {
    if (!disk || !uri.startsWith('file:')) nameByPath(/^[a-z][a-z0-9+.-]*/i.exec(uri)?.[0] ?? 'file');
    return fileOf(uri);
  };
  let kept: KeptAnalysesStore | undefined;
  const { documents } = state;
  // What the client announced: a feature it did not is never used (a request it does not know is an
  // error, and a registration the library refuses throws, which in onInitialized stopped indexing).
  let watchedFilesDynamic = false;
  let folderEvents = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as ServerOptions;
    const today = [options.today, host.today].find((d): d is string => typeof d === 'string' && isIsoDate(d));
    const caps = params.capabilities;
    startEditorExtras(connection, state, params, host.ruleDocs);
    const pull = !!caps.textDocument?.diagnostic;
    scheduler.options = {
      pull,
      canRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
      debounceMs: typeof options.debounceMs === 'number' && options.debounceMs >= 0 ? options.debounceMs : 200,
    };
    indexer.canProgress = !!caps.window?.workDoneProgress;
    watchedFilesDynamic = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    folderEvents = !!caps.workspace?.workspaceFolders;
    kept = host.keptAnalyses?.(options.cacheFile, log);
    state.projects = new Projects(today, options.trusted !== false, (project) => indexer.limitRaised(project), kept?.store);
    for (const folder of folders(params)) state.projects.add(folderPath(folder.uri));
    log(`Inbound ${pull ? 'pull' : 'push'} diagnostics; folders: ${state.projects.all().map((p) => p.root ?? '(loose files)').join(', ')}`);
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
        ...(folderEvents ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'inbound', version: typeof INBOUND_VERSION === 'string' ? INBOUND_VERSION : undefined },
    };
  });

  connection.onInitialized(() => {
    if (watchedFilesDynamic) {
      // YAML files and the config anywhere: the server decides which of them are requirement files.
      // A deleted folder is reported as the folder alone: every deletion is watched for that.
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*', kind: WatchKind.Delete }],
      });
    }
    // A client without workspace folders (Neovim's and Helix's configs, simple clients) names one
    // root (rootUri or rootPath, see folders()) and never changes it; asking it for folder events
    // throws, and would have kept the projects below from ever being indexed.
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) {
          const root = folderPath(f.uri);
          const gone = state.projects.remove(root);
          if (!gone) continue;
          for (const file of gone.workspace.fileNames()) gone.workspace.deleteFile(file);
          gone.applyConfig('', undefined);
          scheduler.flushProject(gone);
          // The projects of the configs below it go with it (unless another folder still holds them),
          // outer ones first, so that the ones inside them see no folder around them either.
          for (const nested of state.projects.nestedAt(root).reverse()) {
            if (state.projects.parentOf(nested) === state.projects.loose) state.removeNestedProject(nested, false);
          }
        }
        for (const f of e.added) void indexer.indexProject(state.projects.add(folderPath(f.uri)));
        scheduler.schedule();
      });
    }
    for (const project of state.projects.all()) if (project.root) void indexer.indexProject(project);
  });

  // ----- keeping the engine in step -------------------------------------------------------------

  documents.onDidOpen((e) => {
    state.markPending(e.document.uri);
    scheduler.edited(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    state.markPending(e.document.uri);
    scheduler.edited(e.document.uri);
  });
  documents.onDidClose((e) => indexer.documentClosed(e.document.uri));
  connection.onDidChangeWatchedFiles((params) => indexer.filesEvents(params.changes));

  /**
   * A request waits for the documents closed before it to be read back from disk (see
   * `Indexer.closedRead`): it answers from what is on disk, never from a closed editor's unsaved
   * text, and the read never blocks the server. Almost always nothing is pending and it answers at once.
   */
  const afterCloses =
    <P, T, R>(handler: (params: P, token: T) => R) =>
    (params: P, token: T): R | Promise<Awaited<R>> => {
      const pending = indexer.closedRead();
      return pending ? (pending.then(() => handler(params, token)) as Promise<Awaited<R>>) : handler(params, token);
    };

  connection.languages.diagnostics.on(afterCloses((params, token) => scheduler.pullDocument(params, token)));
  connection.languages.diagnostics.onWorkspace(afterCloses((params, token) => scheduler.pullWorkspace(params, token)));

  // ----- features --------------------------------------------------------------------------------

  const view = (uri: string) => state.view(uri);
  connection.onCodeAction(afterCloses((params) => runSafe(log, 'code actions', [], () => codeActions(view(params.textDocument.uri), params))));
  connection.onCompletion(afterCloses((params) => runSafe(log, 'completion', [], () => complete(view(params.textDocument.uri), params.position))));
  connection.onHover(afterCloses((params) => runSafe(log, 'hover', null, () => hover(view(params.textDocument.uri), params.position))));
  connection.onDefinition(afterCloses((params) => runSafe(log, 'definition', [], () => definition(view(params.textDocument.uri), params.position))));
  connection.onReferences(
    afterCloses((params) =>
      runSafe(log, 'references', [], () => references(view(params.textDocument.uri), params.position, params.context.includeDeclaration)),
    ),
  );
  connection.onPrepareRename(afterCloses((params) => runSafe(log, 'rename', null, () => prepareRename(view(params.textDocument.uri), params.position))));
  connection.onRenameRequest(
    afterCloses((params) => {
      state.fresh();
      return rename(view(params.textDocument.uri), params.position, params.newName, (uri) => state.versionOf(uri));
    }),
  );
  connection.onDocumentSymbol(afterCloses((params) => runSafe(log, 'symbols', [], () => documentSymbols(view(params.textDocument.uri)))));
  connection.onWorkspaceSymbol(afterCloses((params) => runSafe(log, 'workspace symbols', [], () => workspaceSymbols(state.fresh().all(), params.query))));
  connection.onCodeLens(afterCloses((params) => runSafe(log, 'code lens', [], () => codeLenses(view(params.textDocument.uri)))));
  connection.onRequest(NewRequirementRequest, afterCloses((params) => runSafe(log, 'new requirement', null, () => newRequirement(view(params.uri)))));
  connection.onRequest(
    ReportRequest,
    afterCloses((params) =>
      runSafe(log, 'report', null, () => {
        const all = state.fresh();
        // A file's own project: in a monorepo, the report of the package the file is in.
        const file = params.uri ? fileOf(params.uri) : undefined;
        const project = file ? (all.configOwner(file) ?? all.forFile(file)) : all.first();
        return reportFor(project, params.relativeTo);
      }),
    ),
  );

  const { diff } = host;
  if (diff) connection.onRequest(DiffRequest, (params) => diff(state.fresh(), params, log));
  connection.onRequest(
    ToolRequest,
    afterCloses((params) => runSafe(log, `tool ${params.name}`, { error: 'Inbound could not answer (its output channel says why).' }, () => answerToolRequest(state, params))),
  );

  connection.onShutdown(() => kept?.save());

  documents.listen(connection);
  connection.listen();
}

/** The client's workspace folders; from a client without them, its one root (rootUri, or the older rootPath). */
function folders(params: InitializeParams): WorkspaceFolder[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders;
  const root = params.rootUri ?? (params.rootPath ? uriOf(params.rootPath) : undefined);
  return root && root.startsWith('file:') ? [{ uri: root, name: 'root' }] : [];
}

declare const INBOUND_VERSION: string;
