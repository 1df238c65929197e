/**
 * Diagnostics from the real server over stdio: pushed (most editors) and pulled (VS Code), for
 * open and unopened files, after edits, and after files are created, renamed and deleted on disk.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DocumentDiagnosticRequest, FileChangeType, WorkspaceDiagnosticRequest, WorkspaceSymbolRequest } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, DocumentDiagnosticReport, SymbolInformation, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { main } from '../../server/src/cli/main';
import { copyOf, LspClient, REPO, TODAY, uri } from './lsp-client';

const EXAMPLES = join(REPO, 'examples');
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

function brief(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`);
}

/** What `inbound check --format json` reports for a folder, per file path relative to it. */
async function cliFindings(dir: string) {
  let out = '';
  await main(['check', '.', '--format', 'json', '--today', TODAY], { cwd: dir, stdout: (t) => {
      out += t;
    }, stderr: () => undefined, color: false, version: 'test' });
  return JSON.parse(out) as { file: string; diagnostics: { code: string; severity: string; message: string; range: Diagnostic['range'] }[] }[];
}

describe('pushed diagnostics', () => {
  let ws: ReturnType<typeof copyOf>;
  let client: LspClient;
  before(async () => {
    ws = copyOf(EXAMPLES);
    client = await LspClient.start(ws.dir, { debounceMs: 20 });
    await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files === 4);
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it('reads the workspace in the background, reporting work-done progress', () => {
    const progress = client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string } }).value.kind);
    assert.equal(progress[0], 'begin');
    assert.equal(progress[progress.length - 1], 'end');
    assert.ok(progress.includes('report'));
  });

  it('reports every requirement file at start, unopened, exactly as inbound check does', async () => {
    const expected = await cliFindings(ws.dir);
    for (const { file, diagnostics } of expected) {
      const fileUri = uri(join(ws.dir, file));
      if (diagnostics.length === 0) {
        assert.ok(!client.published.get(fileUri)?.diagnostics.length, `${file} has no findings`);
        continue;
      }
      const got = await client.diagnostics(fileUri, (d) => d.length === diagnostics.length);
      assert.deepEqual(
        got.map((d) => ({ code: d.code, severity: SEVERITY[d.severity!], message: d.message, range: d.range })),
        diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range })),
        file,
      );
      assert.ok(got.every((d) => d.source === 'inbound'));
    }
  });

  it('updates an open file as it is edited, and goes back to the disk text when it is closed', async () => {
    const file = join(ws.dir, 'checkout.req.yaml');
    const fileUri = uri(file);
    const text = readFileSync(file, 'utf8');
    await client.open(fileUri, text);
    // CHK-102 is on the roadmap on one deal: step it back to validated by typing over the status.
    const line = text.split('\n').findIndex((l, i, all) => l.includes('status: roadmap') && all[i - 2]?.includes('CHK-102'));
    const version = await client.change(fileUri, [
      { range: { start: { line, character: 12 }, end: { line, character: 19 } }, text: 'validated' },
    ]);
    const edited = await client.diagnostics(fileUri, (_d, p) => p.version === version);
    assert.deepEqual(brief(edited), ['single-deal 45:5', 'sales-only 55:5']);
    await client.close(fileUri);
    const back = await client.diagnostics(fileUri, (d, p) => p.version === undefined && d.length === 3);
    assert.deepEqual(brief(back), ['roadmap-gate 43:13', 'single-deal 45:5', 'sales-only 55:5']);
  });

  it('never publishes an older version after a newer one while edits arrive fast', async () => {
    const fileUri = uri(join(ws.dir, 'growth', 'onboarding.req.yaml'));
    const text = readFileSync(join(ws.dir, 'growth', 'onboarding.req.yaml'), 'utf8');
    await client.open(fileUri, text);
    const from = client.publications.length;
    let last = 1;
    for (let i = 0; i < 40; i++) {
      last = await client.change(fileUri, [{ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } }, text: 'x' }]);
    }
    await client.diagnostics(fileUri, (_d, p) => p.version === last);
    const versions = client.publications.slice(from).filter((p) => p.uri === fileUri).map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `versions in order: ${versions.join(',')}`);
    assert.ok(versions.length < 40, `debounced: ${versions.length} publications for 40 edits`);
    await client.close(fileUri);
  });

  it('re-checks other files when a requirement file is created, renamed and deleted', async () => {
    const reporting = uri(join(ws.dir, 'growth', 'reporting.req.yml'));
    assert.ok(brief(await client.diagnostics(reporting)).includes('unknown-reference 24:25'));
    const finance = join(ws.dir, 'finance.req.yaml');
    writeFileSync(finance, 'area: Finance\nrequirements:\n  - id: FIN-1\n    title: Fiscal calendars\n    status: idea\n');
    await client.watched([{ uri: uri(finance), type: FileChangeType.Created }]);
    await client.diagnostics(reporting, (d) => !d.some((x) => x.code === 'unknown-reference'));

    const moved = join(ws.dir, 'growth', 'money.req.yaml');
    renameSync(finance, moved);
    await client.watched([
      { uri: uri(finance), type: FileChangeType.Deleted },
      { uri: uri(moved), type: FileChangeType.Created },
    ]);
    // Still defined after the rename: once the server knows FIN-1 in its new file, nothing changed.
    for (let tries = 0; ; tries++) {
      const found = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'FIN-1' })) as SymbolInformation[];
      if (found.length === 1 && found[0].location.uri === uri(moved)) break;
      assert.ok(tries < 200, `FIN-1 moved to money.req.yaml: ${JSON.stringify(found)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(!client.published.get(reporting)!.diagnostics.some((x) => x.code === 'unknown-reference'));

    rmSync(moved);
    await client.watched([{ uri: uri(moved), type: FileChangeType.Deleted }]);
    await client.diagnostics(reporting, (d) => d.some((x) => x.code === 'unknown-reference'));
  });

  it('marks both copies of an id in a new file and clears them when it goes', async () => {
    const copy = join(ws.dir, 'copy.req.yaml');
    writeFileSync(copy, 'requirements:\n  - id: CHK-101\n    title: Bank transfer again\n    status: idea\n');
    await client.watched([{ uri: uri(copy), type: FileChangeType.Created }]);
    const checkout = uri(join(ws.dir, 'checkout.req.yaml'));
    const there = await client.diagnostics(checkout, (d) => d.some((x) => x.code === 'duplicate-id'));
    const dup = there.find((x) => x.code === 'duplicate-id')!;
    assert.deepEqual(dup.range, { start: { line: 14, character: 8 }, end: { line: 14, character: 15 } });
    assert.equal(dup.relatedInformation?.[0].location.uri, uri(copy));
    await client.diagnostics(uri(copy), (d) => brief(d).join() === 'duplicate-id 2:9');
    rmSync(copy);
    await client.watched([{ uri: uri(copy), type: FileChangeType.Deleted }]);
    await client.diagnostics(checkout, (d) => !d.some((x) => x.code === 'duplicate-id'));
    await client.diagnostics(uri(copy), (d) => d.length === 0);
  });

  it('re-applies the config live: severities from disk, and a broken config shows on itself while defaults apply', async () => {
    const configPath = join(ws.dir, 'inbound.config.yaml');
    const configUri = uri(configPath);
    const platform = uri(join(ws.dir, 'platform.req.yaml'));
    const original = readFileSync(configPath, 'utf8');
    writeFileSync(configPath, original.replace('stale-evidence: warning', 'stale-evidence: warning\n  single-deal: error'));
    await client.watched([{ uri: configUri, type: FileChangeType.Changed }]);
    await client.diagnostics(platform, (d) => d.find((x) => x.code === 'single-deal')?.severity === 1);

    // Typing in the open config: a misspelt severity is a finding on the config, and that rule's default applies.
    const typed = readFileSync(configPath, 'utf8');
    await client.open(configUri, typed);
    const v = await client.change(configUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, text: typed.replace('single-deal: error', 'single-deal: eror') }]);
    const onConfig = await client.diagnostics(configUri, (_d, p) => p.version === v);
    assert.equal(onConfig.length, 1);
    assert.match(String(onConfig[0].message), /'eror' is not a severity\. Did you mean 'error'\?/);
    await client.diagnostics(platform, (d) => d.find((x) => x.code === 'single-deal')?.severity === 2);
    await client.close(configUri);
    await client.diagnostics(configUri, (d) => d.length === 0);
    await client.diagnostics(platform, (d) => d.find((x) => x.code === 'single-deal')?.severity === 1);
    writeFileSync(configPath, original);
    await client.watched([{ uri: configUri, type: FileChangeType.Changed }]);
    await client.diagnostics(platform, (d) => d.find((x) => x.code === 'single-deal')?.severity === 2);
  });
});

describe('pulled diagnostics', () => {
  let ws: ReturnType<typeof copyOf>;
  let client: LspClient;
  before(async () => {
    ws = copyOf(EXAMPLES);
    client = await LspClient.start(ws.dir, { pull: true, debounceMs: 20 });
    await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files === 4);
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it('declares pull diagnostics with workspace diagnostics, and pushes nothing', () => {
    assert.deepEqual(client.result.capabilities.diagnosticProvider, { identifier: 'inbound', interFileDependencies: true, workspaceDiagnostics: true });
    assert.equal(client.publications.length, 0);
  });

  it('answers a document pull, then "unchanged" while nothing changed', async () => {
    const fileUri = uri(join(ws.dir, 'checkout.req.yaml'));
    await client.open(fileUri, readFileSync(join(ws.dir, 'checkout.req.yaml'), 'utf8'));
    const first = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: fileUri } })) as DocumentDiagnosticReport;
    assert.equal(first.kind, 'full');
    assert.deepEqual(brief(first.kind === 'full' ? first.items : []), ['roadmap-gate 43:13', 'single-deal 45:5', 'sales-only 55:5']);
    const again = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: fileUri }, previousResultId: first.resultId });
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
    await client.change(fileUri, [{ range: { start: { line: 42, character: 12 }, end: { line: 42, character: 19 } }, text: 'validated' }]);
    const edited = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: fileUri }, previousResultId: first.resultId })) as DocumentDiagnosticReport;
    assert.equal(edited.kind, 'full');
    assert.deepEqual(brief(edited.kind === 'full' ? edited.items : []), ['single-deal 45:5', 'sales-only 55:5']);
    await client.close(fileUri);
  });

  it('reports the whole workspace, then holds the next workspace pull until something changes', async () => {
    const first = (await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] })) as WorkspaceDiagnosticReport;
    const byFile = new Map(first.items.map((r) => [relative(ws.dir, new URL(r.uri).pathname), r]));
    assert.deepEqual([...byFile.keys()].sort(), ['checkout.req.yaml', 'growth/onboarding.req.yaml', 'growth/reporting.req.yml', 'platform.req.yaml']);
    const reporting = byFile.get('growth/reporting.req.yml')!;
    assert.deepEqual(brief(reporting.kind === 'full' ? reporting.items : []), ['roadmap-gate 22:13', 'unknown-reference 24:25', 'single-deal 25:5', 'duplicate-evidence 33:15']);

    const previousResultIds = first.items.map((r) => ({ uri: r.uri, value: r.resultId! }));
    let settled = false;
    const held = client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds }).then((r) => {
      settled = true;
      return r as WorkspaceDiagnosticReport;
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(settled, false, 'nothing changed: the request waits');
    const finance = join(ws.dir, 'finance.req.yaml');
    writeFileSync(finance, 'requirements:\n  - id: FIN-1\n    title: Fiscal calendars\n    status: idea\n');
    await client.watched([{ uri: uri(finance), type: FileChangeType.Created }]);
    const next = await held;
    assert.deepEqual(
      next.items.map((r) => [relative(ws.dir, new URL(r.uri).pathname), brief(r.kind === 'full' ? r.items : [])]),
      [['growth/reporting.req.yml', ['roadmap-gate 22:13', 'single-deal 25:5', 'duplicate-evidence 33:15']]],
    );
  });

  it('lets the client cancel a held workspace pull', async () => {
    const all = (await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] })) as WorkspaceDiagnosticReport;
    const source = new CancellationTokenSource();
    const held = client.connection.sendRequest(
      WorkspaceDiagnosticRequest.type,
      { previousResultIds: all.items.map((r) => ({ uri: r.uri, value: r.resultId! })) },
      source.token,
    );
    setTimeout(() => source.cancel(), 100);
    await assert.rejects(held, /cancel/i);
  });
});

describe('an untrusted workspace', () => {
  it("checks ids against the default pattern, never running the config's own regular expression", async () => {
    const ws = copyOf(EXAMPLES);
    writeFileSync(join(ws.dir, 'inbound.config.yaml'), 'id-pattern: "^X-[0-9]+$"\n');
    const untrusted = await LspClient.start(ws.dir, { trusted: false });
    const trusted = await LspClient.start(ws.dir, { trusted: true });
    try {
      const platform = uri(join(ws.dir, 'platform.req.yaml'));
      assert.deepEqual(brief(await untrusted.diagnostics(platform, (d) => d.length > 0)), ['single-deal 27:5']);
      const withPattern = await trusted.diagnostics(platform, (d) => d.some((x) => x.code === 'schema'));
      assert.equal(withPattern.filter((x) => x.code === 'schema').length, 3, 'every id fails the workspace pattern once trusted');
    } finally {
      await untrusted.stop();
      await trusted.stop();
      ws.dispose();
    }
  });
});

describe('projects: a monorepo with a config per package', () => {
  const MONOREPO = join(REPO, 'test', 'fixtures', 'projects', 'monorepo');
  const BILLING = 'area: Billing\nrequirements:\n  - id: BIL-1\n    title: Invoices per package\n    status: proposed\n    depends-on: [PLT-1]\n';
  let ws: ReturnType<typeof copyOf>;
  let client: LspClient;
  before(async () => {
    ws = copyOf(MONOREPO);
    rmSync(join(ws.dir, 'expected'), { recursive: true, force: true });
    // A folder of the root project, until a config appears in it.
    mkdirSync(join(ws.dir, 'services'));
    writeFileSync(join(ws.dir, 'services', 'billing.req.yaml'), BILLING);
    client = await LspClient.start(ws.dir, { debounceMs: 20 });
    await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files >= 4);
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  /** The server's diagnostics of every file equal `inbound check` on the same paths, file by file. */
  async function assertAgrees(args: string[]) {
    let out = '';
    const exit = await main(['check', ...args, '--format', 'json', '--today', TODAY], { cwd: ws.dir, stdout: (t) => {
      out += t;
    }, stderr: () => undefined, color: false, version: 'test' });
    assert.notEqual(exit, 2, `inbound check ${args.join(' ')}`);
    const expected = JSON.parse(out) as Awaited<ReturnType<typeof cliFindings>>;
    assert.ok(expected.length > 0);
    for (const { file, diagnostics } of expected) {
      const fileUri = uri(join(ws.dir, file));
      const want = diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range }));
      const same = (got: Diagnostic[]) => JSON.stringify(got.map((d) => ({ code: d.code, severity: SEVERITY[d.severity!], message: d.message, range: d.range }))) === JSON.stringify(want);
      if (diagnostics.length === 0 && !client.published.has(fileUri)) continue;
      const got = await client.diagnostics(fileUri, same).catch(() => client.published.get(fileUri)?.diagnostics ?? []);
      assert.deepEqual(got.map((d) => ({ code: d.code, severity: SEVERITY[d.severity!], message: d.message, range: d.range })), want, `${file} (inbound check ${args.join(' ')})`);
    }
    return expected;
  }

  it('reports every file, in every package, exactly as inbound check . does', async () => {
    const files = await assertAgrees(['.']);
    assert.deepEqual(files.map((f) => f.file), [
      'inbound.config.yaml',
      'platform.req.yaml',
      'services/billing.req.yaml',
      'packages/relaxed/inbound.config.yaml',
      'packages/relaxed/app.req.yaml',
      'packages/relaxed/web.requirements.yaml',
      'packages/strict/inbound.config.yaml',
      'packages/strict/app.req.yaml',
    ]);
    // Each package by its own policy; the same id in two packages is no duplicate.
    const strict = await client.diagnostics(uri(join(ws.dir, 'packages', 'strict', 'app.req.yaml')));
    assert.deepEqual(brief(strict), ['roadmap-gate 5:13', 'unknown-reference 6:18', 'no-evidence 11:9']);
  });

  it('and each file exactly as inbound check names it alone', async () => {
    for (const file of ['platform.req.yaml', 'services/billing.req.yaml', 'packages/relaxed/app.req.yaml', 'packages/strict/app.req.yaml']) {
      const [one] = await assertAgrees([file]);
      assert.equal(one.file, file);
    }
  });

  it('reports asked for a file cover that file\'s project, with its policy', async () => {
    const report = (await client.connection.sendRequest('inbound/report', { uri: uri(join(ws.dir, 'packages', 'strict', 'app.req.yaml')) })) as {
      policy: { minMarketEvidence: number };
      requirements: { id: string }[];
    };
    assert.equal(report.policy.minMarketEvidence, 2);
    assert.deepEqual(report.requirements.map((q) => q.id), ['APP-1', 'APP-2']);
  });

  it('a config created on disk makes a project of its folder, and its files move into it; deleted, they move back', async () => {
    const billing = uri(join(ws.dir, 'services', 'billing.req.yaml'));
    // In the root project: PLT-1 is known, and the root's config makes no-evidence an error.
    assert.deepEqual(brief(await client.diagnostics(billing, (d) => d.length === 1)), ['no-evidence 3:9']);
    assert.equal((await client.diagnostics(billing))[0].severity, 1);

    const config = join(ws.dir, 'services', 'inbound.config.yaml');
    writeFileSync(config, 'rules:\n  no-evidence: information\n');
    await client.watched([{ uri: uri(config), type: FileChangeType.Created }]);
    // Its own project now: PLT-1 lies in another one, and its own config sets the severity.
    const moved = await client.diagnostics(billing, (d) => d.some((x) => x.code === 'unknown-reference'));
    assert.deepEqual(brief(moved), ['no-evidence 3:9', 'unknown-reference 6:18']);
    assert.equal(moved[0].severity, 3);
    await assertAgrees(['.']);
    await assertAgrees(['services/billing.req.yaml']);

    rmSync(config);
    await client.watched([{ uri: uri(config), type: FileChangeType.Deleted }]);
    const back = await client.diagnostics(billing, (d) => d.length === 1 && d[0].severity === 1);
    assert.deepEqual(brief(back), ['no-evidence 3:9']);
    assert.ok(!client.published.get(uri(config))?.diagnostics.length);
    await assertAgrees(['.']);
  });

  it('a config opened in the editor, not yet saved, is a project while it is open', async () => {
    const billing = uri(join(ws.dir, 'services', 'billing.req.yaml'));
    const config = uri(join(ws.dir, 'services', 'inbound.config.yaml'));
    await client.open(config, 'rules:\n  no-evidence: "off"\n');
    await client.diagnostics(billing, (d) => brief(d).join() === 'unknown-reference 6:18');
    await client.close(config);
    await client.diagnostics(billing, (d) => brief(d).join() === 'no-evidence 3:9');
  });

  it("in Restricted Mode no package's id-pattern is run", async () => {
    const copy = copyOf(MONOREPO);
    writeFileSync(join(copy.dir, 'packages', 'strict', 'inbound.config.yaml'), 'id-pattern: "^X-[0-9]+$"\n');
    const untrusted = await LspClient.start(copy.dir, { trusted: false });
    const trusted = await LspClient.start(copy.dir, { trusted: true });
    try {
      const app = uri(join(copy.dir, 'packages', 'strict', 'app.req.yaml'));
      await trusted.diagnostics(app, (d) => d.some((x) => x.code === 'schema'));
      await untrusted.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files === 4);
      assert.ok(!(await untrusted.diagnostics(app)).some((x) => x.code === 'schema'));
    } finally {
      await untrusted.stop();
      await trusted.stop();
      copy.dispose();
    }
  });
});
