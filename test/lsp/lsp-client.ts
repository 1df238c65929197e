/**
 * A real LSP client for the tests: spawns the built server as its own process and speaks JSON-RPC
 * over stdio with the protocol library, as an editor does. No mocks between the test and the server.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type {
  ClientCapabilities,
  Diagnostic,
  FileEvent,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const REPO = join(__dirname, '..', '..');
export const SERVER = join(REPO, 'dist', 'server.js');
export const TODAY = '2026-11-23';

export function uri(path: string): string {
  return pathToFileURL(path).href;
}

/** A copy of a folder in a temp dir, so tests can create, rename and delete files freely. */
export function copyOf(folder: string): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'inbound-lsp-'));
  cpSync(folder, dir, { recursive: true });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface StartOptions {
  /** Pull diagnostics (as VS Code does) or pushed ones (as most other editors). */
  pull?: boolean;
  debounceMs?: number;
  /** The command that starts the server; default `node dist/server.js --stdio`. */
  command?: string[];
  /** Workspace folders, when not just the root (a multi-root workspace). */
  folders?: string[];
  /** False: the editor does not trust the workspace (VS Code's Restricted Mode). */
  trusted?: boolean;
  /**
   * The client's capabilities instead of the usual VS Code-like set (a minimal editor: no
   * workspace folders, no dynamic registration, no progress, no refresh).
   */
  capabilities?: ClientCapabilities;
  /**
   * How the client names its root: workspace folders (default), or, like an older or simpler
   * client, only `rootUri` or only the deprecated `rootPath`.
   */
  rootAs?: 'workspaceFolders' | 'rootUri' | 'rootPath';
  /** More initialization options, beside the clock, the delay and trust (e.g. an editor's `ruleDocs`). */
  initializationOptions?: Record<string, unknown>;
  /** Workspace folders by URI instead of paths: folders with no path on disk (a virtual file system). */
  folderUris?: string[];
}

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly published = new Map<string, PublishDiagnosticsParams>();
  /** Every publication in order, to check that no older version follows a newer one. */
  readonly publications: PublishDiagnosticsParams[] = [];
  readonly events = new EventEmitter();
  readonly notifications: { method: string; params: unknown }[] = [];
  refreshes = 0;
  /** Every request the server sent the client (method names, in order): capabilities it may not use show here. */
  readonly serverRequests: string[] = [];
  result!: InitializeResult;
  private readonly versions = new Map<string, number>();
  stderr = '';

  private constructor(
    readonly process: ChildProcess,
    readonly root: string,
  ) {
    this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    process.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.set(p.uri, p);
      this.publications.push(p);
      this.events.emit('diagnostics', p);
    });
    this.connection.onUnhandledNotification(({ method, params }) => {
      this.notifications.push({ method, params });
      this.events.emit('notification', method, params);
    });
    // Work-done progress arrives as $/progress; the protocol library would drop tokens it did not make.
    this.connection.onNotification('$/progress', (params: unknown) => {
      this.notifications.push({ method: '$/progress', params });
      this.events.emit('notification', '$/progress', params);
    });
    this.connection.onRequest('client/registerCapability', () => {
      this.serverRequests.push('client/registerCapability');
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => {
      this.serverRequests.push('window/workDoneProgress/create');
      return null;
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.serverRequests.push('workspace/diagnostic/refresh');
      this.refreshes++;
      this.events.emit('refresh');
      return null;
    });
    this.connection.listen();
  }

  static async start(root: string, options: StartOptions = {}): Promise<LspClient> {
    const [cmd, ...args] = options.command ?? [process.execPath, SERVER, '--stdio'];
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, INBOUND_TODAY: '' } });
    const client = new LspClient(child, root);
    const capabilities: ClientCapabilities = options.capabilities ?? {
      workspace: {
        workspaceFolders: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        diagnostics: { refreshSupport: true },
        workspaceEdit: { documentChanges: true },
      },
      window: { workDoneProgress: true },
      textDocument: {
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
        completion: { completionItem: { snippetSupport: false } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        rename: { prepareSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      },
    };
    const rootAs = options.rootAs ?? 'workspaceFolders';
    client.result = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: rootAs === 'rootPath' ? null : (options.folderUris?.[0] ?? uri(root)),
      ...(rootAs === 'rootPath' ? { rootPath: root } : {}),
      workspaceFolders:
        rootAs === 'workspaceFolders' ? (options.folderUris ?? (options.folders ?? [root]).map(uri)).map((u, i) => ({ uri: u, name: `folder ${i + 1}` })) : null,
      capabilities,
      initializationOptions: { today: TODAY, debounceMs: options.debounceMs ?? 0, trusted: options.trusted ?? true, ...options.initializationOptions },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Resolves with the first publication for `uri` that satisfies `test` (the latest one counts too). */
  diagnostics(fileUri: string, test: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 15_000): Promise<Diagnostic[]> {
    const latest = this.published.get(fileUri);
    if (latest && test(latest.diagnostics, latest)) return Promise.resolve(latest.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('diagnostics', on);
        reject(new Error(`no matching diagnostics for ${fileUri} within ${timeoutMs} ms; last: ${JSON.stringify(this.published.get(fileUri)?.diagnostics.map((d) => d.code))}`));
      }, timeoutMs);
      const on = (p: PublishDiagnosticsParams) => {
        if (p.uri !== fileUri || !test(p.diagnostics, p)) return;
        clearTimeout(timer);
        this.events.off('diagnostics', on);
        resolve(p.diagnostics);
      };
      this.events.on('diagnostics', on);
    });
  }

  /** Waits for a notification of this method whose params pass `test`. */
  notification<T>(method: string, test: (params: T) => boolean = () => true, timeoutMs = 15_000): Promise<T> {
    const seen = [...this.notifications].reverse().find((n) => n.method === method && test(n.params as T));
    if (seen) return Promise.resolve(seen.params as T);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
      const on = (m: string, params: unknown) => {
        if (m !== method || !test(params as T)) return;
        clearTimeout(timer);
        this.events.off('notification', on);
        resolve(params as T);
      };
      this.events.on('notification', on);
    });
  }

  async open(fileUri: string, text: string): Promise<void> {
    this.versions.set(fileUri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: fileUri, languageId: 'yaml', version: 1, text },
    });
  }

  /** Sends an edit; returns the document's new version. */
  async change(fileUri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(fileUri) ?? 0) + 1;
    this.versions.set(fileUri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: fileUri, version }, contentChanges: changes });
    return version;
  }

  version(fileUri: string): number {
    return this.versions.get(fileUri) ?? 0;
  }

  async close(fileUri: string): Promise<void> {
    this.versions.delete(fileUri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: fileUri } });
  }

  async watched(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 3000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the server may already be gone
    }
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.process.kill('SIGKILL');
        resolve();
      }, 3000);
      this.process.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.connection.dispose();
  }
}
