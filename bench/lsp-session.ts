/**
 * One language server process driven over stdio, as an editor drives it: the same client for
 * Inbound and for yaml-language-server, so the two are timed by the same code on the same path.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { ConfigurationParams, ProtocolConnection, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export interface SessionOptions {
  command: string[];
  /** The workspace folder. */
  root: string;
  initializationOptions?: unknown;
  /** The answer to `workspace/configuration` for one section; the client declares the capability only when given. */
  configuration?: (section: string | undefined) => unknown;
}

export interface Publication {
  params: PublishDiagnosticsParams;
  /** `performance.now()` when the client had read it. */
  at: number;
}

export class LspSession {
  readonly connection: ProtocolConnection;
  private readonly listeners = new Set<(p: Publication) => void>();
  private readonly notificationListeners = new Set<(method: string, params: unknown) => void>();
  /** Every notification other than diagnostics, so a wait that starts late still sees an earlier one. */
  private readonly notifications: { method: string; params: unknown }[] = [];
  stderr = '';

  private constructor(readonly process: ChildProcess) {
    this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    process.stderr!.on('data', (d) => {
      // Kept short: only for explaining a failure.
      if (this.stderr.length < 20_000) this.stderr += String(d);
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const p = { params, at: performance.now() };
      for (const l of [...this.listeners]) l(p);
    });
    this.connection.onUnhandledNotification(({ method, params }) => {
      this.notifications.push({ method, params });
      for (const l of [...this.notificationListeners]) l(method, params);
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.listen();
  }

  get pid(): number {
    return this.process.pid!;
  }

  static async start(options: SessionOptions): Promise<LspSession> {
    const [cmd, ...args] = options.command;
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, INBOUND_TODAY: '' } });
    const session = new LspSession(child);
    const configuration = options.configuration;
    if (configuration) {
      session.connection.onRequest('workspace/configuration', (params: ConfigurationParams) => params.items.map((item) => configuration(item.section) ?? null));
    }
    await session.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: fileUri(options.root),
      workspaceFolders: [{ uri: fileUri(options.root), name: 'bench' }],
      capabilities: {
        workspace: { workspaceFolders: true, configuration: !!configuration, didChangeConfiguration: { dynamicRegistration: true } },
        // Pushed diagnostics with versions: what most editors do, and what can be timed per edit.
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, synchronization: { dynamicRegistration: false } },
      },
      initializationOptions: options.initializationOptions,
    });
    await session.connection.sendNotification(InitializedNotification.type, {});
    if (configuration) await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    return session;
  }

  /** The next publication for `uri` that passes `test`, or undefined after `timeoutMs`. */
  publication(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 30_000): Promise<Publication | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.listeners.delete(on);
        resolve(undefined);
      }, timeoutMs);
      const on = (p: Publication) => {
        if (p.params.uri !== uri || !test(p.params)) return;
        clearTimeout(timer);
        this.listeners.delete(on);
        resolve(p);
      };
      this.listeners.add(on);
    });
  }

  /** Every publication until `quietMs` pass without one: lets a server finish what it started. */
  async settle(quietMs: number, maxMs = 60_000): Promise<number> {
    let count = 0;
    const start = performance.now();
    let last = performance.now();
    const on = () => {
      count++;
      last = performance.now();
    };
    this.listeners.add(on);
    while (performance.now() - last < quietMs && performance.now() - start < maxMs) await sleep(Math.min(50, quietMs));
    this.listeners.delete(on);
    return count;
  }

  /** The first notification of `method` that passes `test`, already received or still to come. */
  notification<T>(method: string, test: (params: T) => boolean, timeoutMs: number): Promise<T | undefined> {
    const seen = this.notifications.find((n) => n.method === method && test(n.params as T));
    if (seen) return Promise.resolve(seen.params as T);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.notificationListeners.delete(on);
        resolve(undefined);
      }, timeoutMs);
      const on = (m: string, params: unknown) => {
        if (m !== method || !test(params as T)) return;
        clearTimeout(timer);
        this.notificationListeners.delete(on);
        resolve(params as T);
      };
      this.notificationListeners.add(on);
    });
  }

  async open(uri: string, text: string): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  /** Sends one incremental change; returns when it was handed to the pipe. */
  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const sent = performance.now();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return sent;
  }

  /** The most memory the process has held so far (VmHWM), and what it holds now (VmRSS); Linux only, bytes. */
  memory(): { peak: number; current: number } | undefined {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)\\s+kB`).exec(status)?.[1] ?? NaN) * 1024;
      const m = { peak: kb('VmHWM'), current: kb('VmRSS') };
      return Number.isNaN(m.peak) ? undefined : m;
    } catch {
      return undefined;
    }
  }

  /** CPU time the process has used so far (user + system, Linux only), in milliseconds. */
  cpuMs(): number | undefined {
    try {
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      // Fields after the command name, which may itself hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), sleep(3000)]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) return resolve();
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

let ticks: number | undefined;
function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
