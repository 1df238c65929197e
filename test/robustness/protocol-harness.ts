/**
 * The real side of the protocol fuzzer: a temp folder on disk and the built server over stdio
 * (test/lsp/lsp-client.ts), pushed or pulled. Steps of the model (protocol-model.ts) are performed
 * here; at a settle the server is waited for (on its own messages, never on a clock) and every
 * file's diagnostics are compared with `inbound check --format json` on a folder holding exactly the
 * texts of the model: the editor's text for open files, the disk's for the rest.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  WorkspaceDiagnosticRequest,
} from 'vscode-languageserver-protocol/node';
import type { Diagnostic, DocumentDiagnosticReport, PublishDiagnosticsParams, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { runInProcess } from '../cli/run-cli';
import { LspClient, REPO, SERVER, TODAY, uri } from '../lsp/lsp-client';
import { SEED } from './arbitraries';
import { shrinkTrace } from './protocol-shrink';
import type { Real, Start, Step } from './protocol-model';
import { applyChange, commands, EditCommand, edits, flushLate, openAtStart, PROBE, probeText, start as startArb, WITNESS, WITNESS_TEXT, World } from './protocol-model';

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];
/** LSP error codes: the server cancelled (ask again), the client cancelled. */
const SERVER_CANCELLED = -32802;
const REQUEST_CANCELLED = -32800;

export type Mode = 'push' | 'pull';

export interface HarnessOptions {
  mode: Mode;
  debounceMs: number;
  /** How long a settle may take before the server counts as hung. */
  timeoutMs?: number;
  /** The command that starts the server (default: node dist/server.js --stdio). */
  command?: string[];
}

/** A diagnostic as `inbound check --format json` prints it. */
interface Finding {
  code: string;
  severity: string;
  message: string;
  range: Diagnostic['range'];
}

export class Divergence extends Error {}

export interface Stats {
  runs: number;
  steps: number;
  edits: number;
  settles: number;
  comparedFiles: number;
  diskSteps: number;
  events: number;
  ms: number;
}

export function emptyStats(): Stats {
  return { runs: 0, steps: 0, edits: 0, settles: 0, comparedFiles: 0, diskSteps: 0, events: 0, ms: 0 };
}

export class Harness implements Real {
  readonly stats = emptyStats();
  /** Problems seen as messages arrived (a version going backwards), reported at the next settle. */
  private readonly problems: string[] = [];
  private readonly lastVersion = new Map<string, number>();
  /** The settle's probe (push mode): see PROBE. */
  private readonly probe = { uri: '', witness: '', dir: '', text: probeText(1), version: 1 };
  private expectedCache?: { key: string; files: Map<string, Finding[]> };
  // Pull mode: what the client holds, per file, from document pulls and from workspace pulls.
  private readonly docState = new Map<string, { resultId?: string; items: Diagnostic[] }>();
  private readonly wsState = new Map<string, { resultId?: string; items: Diagnostic[]; version: number | null }>();
  private poller?: { source: CancellationTokenSource; done: Promise<void> };
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  private constructor(
    readonly world: World,
    readonly dir: string,
    readonly snapshotDir: string,
    readonly client: LspClient,
    readonly options: HarnessOptions,
  ) {}

  get mode(): Mode {
    return this.options.mode;
  }

  static async start(world: World, options: HarnessOptions): Promise<Harness> {
    const dir = mkdtempSync(join(tmpdir(), 'inbound-fuzz-'));
    const snapshotDir = mkdtempSync(join(tmpdir(), 'inbound-fuzz-check-'));
    for (const [file, text] of world.disk) writeDisk(dir, file, text);
    const client = await LspClient.start(dir, { pull: options.mode === 'pull', debounceMs: options.debounceMs, command: options.command });
    const h = new Harness(world, dir, snapshotDir, client, options);
    client.events.on('diagnostics', (p: PublishDiagnosticsParams) => h.published(p));
    if (options.mode === 'push') {
      h.probe.dir = mkdtempSync(join(tmpdir(), 'inbound-fuzz-probe-'));
      h.probe.uri = uri(join(h.probe.dir, PROBE));
      h.probe.witness = uri(join(h.probe.dir, WITNESS));
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: h.probe.witness, languageId: 'yaml', version: 1, text: WITNESS_TEXT },
      });
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: h.probe.uri, languageId: 'yaml', version: 1, text: h.probe.text },
      });
    } else {
      client.events.on('refresh', () => h.refreshed());
      h.startPoller();
    }
    return h;
  }

  get pid(): number {
    return this.client.process.pid!;
  }

  uriOf(file: string): string {
    return uri(join(this.dir, ...file.split('/')));
  }

  fileOf(fileUri: string): string {
    return relative(this.dir, fileURLToPath(fileUri)).split(sep).join('/');
  }

  // ----- steps ---------------------------------------------------------------------------------

  async perform(step: Step): Promise<void> {
    this.stats.steps++;
    const { connection } = this.client;
    switch (step.op) {
      case 'open':
        await connection.sendNotification(DidOpenTextDocumentNotification.type, {
          textDocument: { uri: this.uriOf(step.file), languageId: 'yaml', version: step.version, text: step.text },
        });
        break;
      case 'change':
        this.stats.edits++;
        await connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri: this.uriOf(step.file), version: step.version },
          contentChanges: step.changes,
        });
        break;
      case 'close':
        // The editor forgets what it pulled for a closed document; the workspace's reports apply.
        this.docState.delete(step.file);
        await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: this.uriOf(step.file) } });
        break;
      case 'write':
        this.stats.diskSteps++;
        writeDisk(this.dir, step.file, step.text);
        break;
      case 'remove':
        this.stats.diskSteps++;
        rmSync(join(this.dir, ...step.file.split('/')), { recursive: true, force: true });
        break;
      case 'events':
        this.stats.events++;
        await this.client.watched(step.changes.map((c) => ({ uri: this.uriOf(c.file), type: c.type as 1 | 2 | 3 })));
        break;
      case 'settle':
        this.stats.settles++;
        await this.settle();
        break;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poller) this.poller.source.cancel();
    await this.client.stop();
    rmSync(this.dir, { recursive: true, force: true });
    rmSync(this.snapshotDir, { recursive: true, force: true });
    if (this.probe.dir) rmSync(this.probe.dir, { recursive: true, force: true });
  }

  /** A publication: versions of a document never go backwards, nor beyond what the editor sent. */
  private published(p: PublishDiagnosticsParams): void {
    if (typeof p.version !== 'number' || p.uri === this.probe.witness) return;
    const file = p.uri === this.probe.uri ? PROBE : this.fileOf(p.uri);
    const last = this.lastVersion.get(file);
    if (last !== undefined && p.version < last) this.problems.push(`${file}: version ${p.version} was published after version ${last}`);
    const sent = p.uri === this.probe.uri ? this.probe.version : (this.world.versions.get(file) ?? 0);
    if (p.version > sent) this.problems.push(`${file}: version ${p.version} was published, but the editor sent versions up to ${sent}`);
    this.lastVersion.set(file, Math.max(last ?? 0, p.version));
  }

  // ----- settling --------------------------------------------------------------------------------

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 30_000;
  }

  private latestStatus(): { indexing: boolean } | undefined {
    for (let i = this.client.notifications.length - 1; i >= 0; i--) {
      const n = this.client.notifications[i];
      if (n.method === 'inbound/status') return n.params as { indexing: boolean };
    }
    return undefined;
  }

  /** Resolves when the server's status says it is not reading files (at once if the latest says so). */
  private async notIndexing(): Promise<void> {
    if (!this.latestStatus()?.indexing) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.client.events.off('notification', on);
        reject(new Divergence(`the server was still indexing after ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      const on = (method: string, params: { indexing: boolean }) => {
        if (method !== 'inbound/status' || params.indexing) return;
        clearTimeout(timer);
        this.client.events.off('notification', on);
        resolve();
      };
      this.client.events.on('notification', on);
    });
  }

  /**
   * A request the server does not know: its answer comes after every message sent before it has
   * been handled (the server handles messages in order).
   */
  private async barrier(): Promise<void> {
    await this.client.connection.sendRequest('inbound/fuzz-barrier', {}).catch(() => undefined);
  }

  /**
   * Push: typing in the probe document makes the server flush after its debounce. The probe's own
   * findings go out at once, without the debounce; the witness's, which the probe's edit changes
   * through a cross-file rule (a duplicate id at odd versions, none at even ones), go out with the
   * flush. Their publication says the flush has begun; a barrier after it comes back once the flush
   * has sent everything. While the status says files are being read, wait for that and probe again.
   */
  private async settlePush(): Promise<void> {
    const probeUri = this.probe.uri;
    for (;;) {
      const version = ++this.probe.version;
      const lines = this.probe.text.split('\n');
      const change = { range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: 0 } }, text: probeText(version) };
      this.probe.text = applyChange(this.probe.text, change);
      await this.client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: probeUri, version },
        contentChanges: [change],
      });
      await this.client
        .diagnostics(probeUri, (_d, p) => p.version === version, this.timeoutMs)
        .catch(() => {
          throw new Divergence(
            `the server published nothing for the probe's version ${version} within ${this.timeoutMs} ms\n${this.client.stderr.slice(-2000)}`,
          );
        });
      const duplicate = version % 2 === 1;
      await this.client
        .diagnostics(this.probe.witness, (d) => d.some((x) => x.code === 'duplicate-id') === duplicate, this.timeoutMs)
        .catch(() => {
          throw new Divergence(`the server did not flush after the probe's version ${version} within ${this.timeoutMs} ms\n${this.client.stderr.slice(-2000)}`);
        });
      await this.barrier();
      if (!this.latestStatus()?.indexing) return;
      await this.notIndexing();
    }
  }

  /**
   * Pull: after a barrier, and once no files are being read, one workspace pull (it flushes; if
   * nothing is new it would wait, so it is cancelled after a second barrier) and a document pull
   * for every open document, as VS Code does. The pull's flush may start reading files (a config
   * opened in the editor makes a project): then wait for that and pull again.
   */
  private async settlePull(): Promise<void> {
    await this.stopPoller();
    await Promise.all(this.inFlight);
    for (;;) {
      await this.barrier();
      if (this.latestStatus()?.indexing) {
        await this.notIndexing();
        continue;
      }
      const from = this.client.notifications.length;
      await this.pullAll();
      await this.barrier();
      // Files were read meanwhile (and may be read still): what was pulled may be out of date.
      const read = this.client.notifications.slice(from).some((n) => n.method === 'inbound/status' && (n.params as { indexing: boolean }).indexing);
      if (!read) return;
    }
  }

  private async pullAll(): Promise<void> {
    const source = new CancellationTokenSource();
    let answered = false;
    const pull = this.client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: this.previousResultIds() }, source.token).then(
      (r) => {
        answered = true;
        this.applyWorkspace(r as WorkspaceDiagnosticReport);
      },
      (e: { code?: number; message?: string }) => {
        answered = true;
        if (e.code !== SERVER_CANCELLED && e.code !== REQUEST_CANCELLED) this.problems.push(`workspace pull failed: ${e.message}`);
      },
    );
    await this.barrier();
    if (!answered) source.cancel();
    await pull;
    for (const file of [...this.world.open.keys()].sort()) await this.pullDocument(file);
  }

  private previousResultIds(): { uri: string; value: string }[] {
    return [...this.wsState].filter(([, s]) => s.resultId !== undefined).map(([file, s]) => ({ uri: this.uriOf(file), value: s.resultId! }));
  }

  private applyWorkspace(report: WorkspaceDiagnosticReport): void {
    for (const item of report.items) {
      const file = this.fileOf(item.uri);
      const version = typeof item.version === 'number' ? item.version : null;
      if (version !== null) {
        const last = this.lastVersion.get(file);
        if (last !== undefined && version < last) this.problems.push(`${file}: a workspace report for version ${version} came after version ${last}`);
        const sent = this.world.versions.get(file) ?? 0;
        if (version > sent) this.problems.push(`${file}: a workspace report for version ${version}, but the editor sent versions up to ${sent}`);
        this.lastVersion.set(file, Math.max(last ?? 0, version));
      }
      if (item.kind === 'full') this.wsState.set(file, { resultId: item.resultId, items: item.items, version });
      else {
        const had = this.wsState.get(file);
        if (!had || had.resultId !== item.resultId)
          this.problems.push(`${file}: workspace report 'unchanged' for result ${item.resultId}, which the client does not hold`);
      }
    }
  }

  /** A document pull, as VS Code sends after an edit; the answer is what the editor shows. */
  async pullDocument(file: string): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const previousResultId = this.docState.get(file)?.resultId;
      try {
        const r = (await this.client.connection.sendRequest(DocumentDiagnosticRequest.type, {
          textDocument: { uri: this.uriOf(file) },
          ...(previousResultId ? { previousResultId } : {}),
        })) as DocumentDiagnosticReport;
        if (!this.world.open.has(file)) return;
        if (r.kind === 'full') this.docState.set(file, { resultId: r.resultId, items: r.items });
        else if (r.resultId !== previousResultId)
          this.problems.push(`${file}: document pull 'unchanged' for result ${r.resultId}, but the client holds ${previousResultId}`);
        return;
      } catch (e) {
        if ((e as { code?: number }).code !== SERVER_CANCELLED || this.stopped) return;
      }
    }
  }

  async pullNow(file: string): Promise<void> {
    await this.pullDocument(file);
  }

  /** workspace/diagnostic/refresh: VS Code pulls its open documents again. */
  private refreshed(): void {
    if (this.stopped) return;
    for (const file of this.world.open.keys()) {
      const p = this.pullDocument(file).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
  }

  /** The workspace pull VS Code keeps open: answered when something changed, then asked again. */
  private startPoller(): void {
    const source = new CancellationTokenSource();
    const done = (async () => {
      while (!source.token.isCancellationRequested && !this.stopped) {
        try {
          const r = await this.client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: this.previousResultIds() }, source.token);
          if (!source.token.isCancellationRequested) this.applyWorkspace(r as WorkspaceDiagnosticReport);
        } catch (e) {
          const code = (e as { code?: number }).code;
          if (code === SERVER_CANCELLED && !source.token.isCancellationRequested) continue;
          if (code !== SERVER_CANCELLED && code !== REQUEST_CANCELLED && !this.stopped) this.problems.push(`workspace pull failed: ${(e as Error).message}`);
          return;
        }
      }
    })();
    this.poller = { source, done };
  }

  private async stopPoller(): Promise<void> {
    if (!this.poller) return;
    this.poller.source.cancel();
    await this.poller.done;
    this.poller = undefined;
  }

  async settle(): Promise<void> {
    if (this.mode === 'push') await this.settlePush();
    else await this.settlePull();
    const expected = await this.expected();
    try {
      this.compare(expected);
    } finally {
      if (this.mode === 'pull') this.startPoller();
    }
  }

  // ----- the oracle ------------------------------------------------------------------------------

  /** Every file as the model holds it. */
  snapshot(): Map<string, string> {
    return this.world.snapshot();
  }

  /** `inbound check . --format json` on a folder holding exactly the model's texts. */
  private async expected(): Promise<Map<string, Finding[]>> {
    const snap = this.snapshot();
    const key = JSON.stringify([...snap].sort());
    if (this.expectedCache?.key === key) return this.expectedCache.files;
    rmSync(this.snapshotDir, { recursive: true, force: true });
    mkdirSync(this.snapshotDir);
    for (const [file, text] of snap) writeDisk(this.snapshotDir, file, text);
    const { exit, stdout, stderr } = await runInProcess(this.snapshotDir, ['check', '.', '--format', 'json', '--today', TODAY, '--allow-empty']);
    if (!stdout) throw new Error(`inbound check printed nothing (exit ${exit}): ${stderr.join('\n')}`);
    const files = new Map<string, Finding[]>();
    for (const f of JSON.parse(stdout) as { file: string; diagnostics: Finding[] }[]) {
      files.set(
        f.file,
        f.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range })),
      );
    }
    this.expectedCache = { key, files };
    return files;
  }

  private compare(expected: Map<string, Finding[]>): void {
    const problems = this.problems.splice(0);
    const live = this.snapshot();
    const shown = this.shown();
    const files = new Set([...expected.keys(), ...shown.keys()]);
    for (const file of [...files].sort()) {
      this.stats.comparedFiles++;
      const want = expected.get(file) ?? [];
      const got = shown.get(file);
      const have = (got?.items ?? []).map(finding);
      if (JSON.stringify(have) !== JSON.stringify(want)) {
        const open = this.world.open.get(file);
        // The first difference in full (the lists above cut messages short).
        const at = want.findIndex((w, i) => JSON.stringify(w) !== JSON.stringify(have[i]));
        const first = at < 0 ? want.length : at;
        problems.push(
          `${file} (${open ? `open, version ${open.version}` : live.has(file) ? 'on disk' : 'gone'}${got?.version != null ? `, shown for version ${got.version}` : ''}):\n` +
            `    inbound check: ${brief(want)}\n    the server:    ${brief(have)}\n` +
            `    first difference, finding ${first + 1}:\n      inbound check: ${JSON.stringify(want[first] ?? null)}\n      the server:    ${JSON.stringify(have[first] ?? null)}`,
        );
      }
      // An open document's findings are for the version the editor has (once it was ever reported).
      const open = this.world.open.get(file);
      if (open && got && got.version !== undefined && got.version !== null && got.version !== open.version && expected.has(file)) {
        problems.push(`${file}: the editor has version ${open.version}, the server's latest diagnostics are for version ${got.version}`);
      }
      for (const d of got?.items ?? []) {
        for (const r of d.relatedInformation ?? []) {
          const other = this.fileOf(r.location.uri);
          if (!live.has(other)) problems.push(`${file}: ${d.code} points to ${other}, which is gone`);
        }
      }
    }
    if (problems.length) throw new Divergence(`after step ${this.world.trace.length}:\n  ${problems.join('\n  ')}`);
  }

  /** What the editor shows per file: pushed, or pulled (an open document's own pull wins). */
  private shown(): Map<string, { items: Diagnostic[]; version?: number | null }> {
    const out = new Map<string, { items: Diagnostic[]; version?: number | null }>();
    if (this.mode === 'push') {
      for (const [u, p] of this.client.published) if (u !== this.probe.uri && u !== this.probe.witness) out.set(this.fileOf(u), { items: p.diagnostics, version: p.version });
      return out;
    }
    if (this.client.publications.length) this.problems.push(`pull mode, yet the server pushed ${this.client.publications.length} publications`);
    for (const [file, s] of this.wsState) {
      const open = this.world.open.get(file);
      // A workspace report for another version of an open document is dropped, as VS Code does.
      if (open && s.version !== open.version) continue;
      if (open && this.docState.has(file) && JSON.stringify(this.docState.get(file)!.items) !== JSON.stringify(s.items)) {
        this.problems.push(
          `${file}: the workspace report for version ${s.version} and the document pull differ:\n    workspace: ${brief(s.items.map(finding))}\n    document:  ${brief(this.docState.get(file)!.items.map(finding))}`,
        );
      }
      out.set(file, { items: s.items, version: s.version });
    }
    for (const [file, s] of this.docState) if (this.world.open.has(file)) out.set(file, { items: s.items, version: this.world.open.get(file)!.version });
    return out;
  }
}

function finding(d: Diagnostic): Finding {
  return { code: String(d.code), severity: SEVERITY[d.severity ?? 0], message: typeof d.message === 'string' ? d.message : d.message.value, range: d.range };
}

function brief(list: Finding[]): string {
  if (!list.length) return '(none)';
  return list
    .map(
      (d) =>
        `${d.code}/${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${JSON.stringify(d.message.slice(0, 60))}`,
    )
    .join('\n                   ');
}

function writeDisk(dir: string, file: string, text: string): void {
  const path = join(dir, ...file.split('/'));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

// ----- runs ------------------------------------------------------------------------------------

/**
 * The server under test is the build (dist/server.js); the oracle is `inbound check` run from the
 * sources in this process. A source changed after the build makes them differ for no fault of the
 * server: a failure says so.
 */
export function staleBuild(): string | undefined {
  const built = statSync(SERVER).mtimeMs;
  const newer: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && st.mtimeMs > built) newer.push(relative(REPO, path));
    }
  };
  walk(join(REPO, 'server', 'src'));
  walk(join(REPO, 'schemas'));
  return newer.length
    ? `dist/server.js is older than ${newer.slice(0, 3).join(', ')}${newer.length > 3 ? ` and ${newer.length - 3} more` : ''}: run npm run build (the oracle runs the sources), or this may be a false alarm`
    : undefined;
}

/** A run written down: where it started and every step, replayable with `replay`. */
export interface Trace {
  mode: Mode;
  debounceMs: number;
  disk: Record<string, string>;
  steps: Step[];
}

/** Performs a trace's steps on a fresh server; a settle step throws a Divergence if they disagree. */
export async function replay(trace: Trace): Promise<Harness['stats']> {
  const world = new World(trace.disk);
  const h = await Harness.start(world, { mode: trace.mode, debounceMs: trace.debounceMs });
  try {
    for (const step of trace.steps) {
      world.apply(step);
      await h.perform(step);
    }
    return h.stats;
  } finally {
    await h.stop();
  }
}

export interface FuzzOptions {
  mode: Mode;
  /** Command sequences (each a fresh server on a fresh folder). */
  runs: number;
  maxCommands: number;
  /** Shrink a failure to a short step list (slow: each try starts a server). */
  shrink: boolean;
  shrinkMs?: number;
  /** For the replay line of a failure. */
  steps?: number;
  /** Where a failing run's trace is written. */
  artifacts: string;
  seed?: number;
}

/**
 * Model-based runs: random command sequences against the real server, a settle-and-compare among
 * them and at the end of each. A failure names the seed and writes the (shrunk) run's steps.
 */
export async function fuzz(options: FuzzOptions): Promise<Stats> {
  const seed = options.seed ?? SEED;
  const stats = emptyStats();
  const started = Date.now();
  let lastFailure: { trace: Trace; error: unknown } | undefined;
  const property = fc.asyncProperty(startArb, fc.commands(commands, { maxCommands: options.maxCommands, size: 'max' }), async (s: Start, cmds) => {
    const world = new World(s.disk);
    const h = await Harness.start(world, { mode: options.mode, debounceMs: s.debounceMs });
    try {
      await openAtStart(world, h, s);
      await fc.asyncModelRun(() => ({ model: world, real: h }), cmds);
      await flushLate(world, h);
      world.apply({ op: 'settle' });
      await h.perform({ op: 'settle' });
    } catch (error) {
      lastFailure = { trace: { mode: options.mode, debounceMs: s.debounceMs, disk: s.disk, steps: world.trace }, error };
      throw error;
    } finally {
      await h.stop();
      stats.runs++;
      for (const k of ['steps', 'edits', 'settles', 'comparedFiles', 'diskSteps', 'events'] as const) stats[k] += h.stats[k];
    }
  });
  // Each run is a fresh server: fast-check's own shrinking would replay whole runs; the trace
  // shrinker (protocol-shrink.ts) works on the failing run's concrete steps instead.
  const details = await fc.check(property, { seed, numRuns: options.runs, endOnFailure: true });
  stats.ms = Date.now() - started;
  if (details.failed && lastFailure) {
    const name = `protocol-fuzz-${options.mode}-${seed}`;
    const path = writeTrace(options.artifacts, name, lastFailure.trace);
    let message = (lastFailure.error as Error).message;
    let steps = lastFailure.trace.steps;
    let shrunk = '';
    if (options.shrink) {
      try {
        const small = await shrinkTrace(lastFailure.trace, { maxMs: options.shrinkMs ?? 10 * 60_000 });
        steps = small.trace.steps;
        message = small.message;
        shrunk = `Shrunk in ${small.tries} replays to ${steps.length} steps, written to ${writeTrace(options.artifacts, `${name}.min`, small.trace)}:\n`;
      } catch (e) {
        shrunk = `Not shrunk: ${(e as Error).message}.\n`;
      }
    }
    const shown = shrunk ? steps : steps.slice(-25);
    const list = shown.map((s, i) => `  ${steps.length - shown.length + i + 1}. ${describeStep(s)}`);
    const stale = staleBuild();
    throw new Error(
      `${stale ? `NOTE: ${stale}.\n` : ''}protocol fuzz (${options.mode}) failed with seed ${seed}, in run ${details.numRuns} ` +
        `(replay: INBOUND_FUZZ_SEED=${seed} INBOUND_FUZZ_PROTOCOL_STEPS=${options.steps ?? '…'} node scripts/test.mjs test/robustness/protocol-fuzz.test.ts; INBOUND_FUZZ_SHRINK=1 shrinks it).\n` +
        `${message}\nThe run's ${lastFailure.trace.steps.length} steps are written to ${path} ` +
        `(node --import tsx test/robustness/protocol-shrink.ts ${path} shrinks them; replay() in protocol-harness.ts replays them).\n` +
        `${shrunk || 'Its last steps:\n'}${list.join('\n')}`,
    );
  }
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'protocol fuzz failed');
  return stats;
}

function writeTrace(dir: string, name: string, trace: Trace): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(trace, null, 1));
  return path;
}

export function describeStep(s: Step): string {
  switch (s.op) {
    case 'open':
      return `open ${s.file} v${s.version} (${s.text.length} chars)`;
    case 'change':
      return `change ${s.file} v${s.version}: ${JSON.stringify(s.changes).slice(0, 200)}`;
    case 'close':
      return `close ${s.file}`;
    case 'write':
      return `write ${s.file}: ${JSON.stringify(s.text.slice(0, 80))}${s.text.length > 80 ? '…' : ''}`;
    case 'remove':
      return `remove ${s.file}`;
    case 'events':
      return `events ${s.changes.map((c) => `${['', 'created', 'changed', 'deleted'][c.type]} ${c.file}`).join(', ')}`;
    case 'settle':
      return 'settle';
  }
}

// ----- memory ----------------------------------------------------------------------------------

/** The server's resident memory, from /proc (kB). */
export function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!m) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(m[1]);
}

export interface MemoryOptions {
  edits: number;
  /** A checkpoint (texts back to the start, settle, RSS) every so many edits. */
  every: number;
  /** A settle (and a comparison with inbound check) every so many edits. */
  settleEvery: number;
  disk: Record<string, string>;
  open: string[];
  seed?: number;
  command?: string[];
  artifacts: string;
  /** Wait for each edit's diagnostics before the next edit (else edits come in bursts, and the server analyses the latest text of each burst). */
  paced?: boolean;
}

/**
 * Many random edits on one server. At each checkpoint the open documents go back to their first
 * texts (so the server holds the same workspace each time), the server is settled and compared,
 * and its resident memory is read.
 */
export async function memoryRun(options: MemoryOptions): Promise<{ checkpoints: { edits: number; rssKb: number }[]; stats: Stats }> {
  const world = new World(options.disk);
  const h = await Harness.start(world, { mode: 'push', debounceMs: 0, command: options.command });
  const started = Date.now();
  const checkpoints: { edits: number; rssKb: number }[] = [];
  try {
    for (const file of options.open) {
      const step: Step = { op: 'open', file, version: world.nextVersion(file), text: world.diskAsEditorText(file)! };
      world.apply(step);
      await h.perform(step);
    }
    const first = new Map(options.open.map((f) => [f, world.open.get(f)!.text]));
    const plan = fc.sample(fc.tuple(fc.nat({ max: 1000 }), edits), { seed: options.seed ?? SEED, numRuns: options.edits });
    const settle = async () => {
      world.apply({ op: 'settle' });
      await h.perform({ op: 'settle' });
    };
    for (let i = 0; i < plan.length; i++) {
      const [which, specs] = plan[i];
      const before = world.trace.length;
      await new EditCommand(which, specs).run(world, h);
      // Typed, not pasted in a burst: every version is analysed and published before the next edit.
      const step = world.trace[world.trace.length - 1];
      if (options.paced && world.trace.length > before && step.op === 'change') {
        await h.client.diagnostics(h.uriOf(step.file), (_d, p) => (p.version ?? 0) >= step.version, 30_000);
      }
      const done = i + 1;
      if (done % options.every === 0) {
        for (const [file, text] of first) {
          const step: Step = { op: 'change', file, version: world.nextVersion(file), changes: [{ text }] };
          world.apply(step);
          await h.perform(step);
        }
        await settle();
        checkpoints.push({ edits: done, rssKb: rssKb(h.pid) });
      } else if (done % options.settleEvery === 0) await settle();
    }
    h.stats.ms = Date.now() - started;
    return { checkpoints, stats: h.stats };
  } catch (error) {
    const path = writeTrace(options.artifacts, `protocol-memory-${options.seed ?? SEED}`, {
      mode: 'push',
      debounceMs: 0,
      disk: options.disk,
      steps: world.trace,
    });
    const stale = staleBuild();
    (error as Error).message += `\nThe run's ${world.trace.length} steps are written to ${path}.${stale ? `\nNOTE: ${stale}.` : ''}`;
    throw error;
  } finally {
    await h.stop();
  }
}
