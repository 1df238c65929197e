/**
 * `inbound mcp`, driven by the MCP SDK's own client over stdio: the real binary (dist/cli.js) in a
 * copy of the example workspace. Every answer is held to what `inbound report --format json` and
 * `inbound check --format json` say of the same files: the tools are the report and the findings,
 * never a second count.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ALL_RULES, applyEdits, fixesFor } from '../../server/src/engine';
import { loadProjects } from '../../server/src/node/load-projects';
import { copyOf, REPO, TODAY } from '../lsp/lsp-client';

const CLI = join(REPO, 'dist', 'cli.js');

async function connect(cwd: string, flags: string[] = []): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', '--today', TODAY, ...flags], cwd, stderr: 'pipe' });
  let err = '';
  transport.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const client = new Client({ name: 'inbound-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => err };
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The answer's facts: the structured content, which is also the JSON in its second text part. */
function data(result: CallToolResult): Record<string, unknown> {
  assert.ok(!result.isError, `the call failed: ${JSON.stringify(result.content)}`);
  const texts = result.content.filter((c) => c.type === 'text').map((c) => c.text);
  assert.equal(texts.length, 2, 'a summary and the JSON');
  assert.deepEqual(JSON.parse(texts[1]), result.structuredContent);
  return result.structuredContent as Record<string, unknown>;
}

function summary(result: CallToolResult): string {
  const first = result.content[0];
  assert.equal(first.type, 'text');
  return (first as { text: string }).text;
}

/** A failed call: one sentence, nothing else. */
function sentence(result: CallToolResult): string {
  assert.equal(result.isError, true, `expected an error, got ${JSON.stringify(result.content).slice(0, 300)}`);
  assert.equal(result.content.length, 1);
  const text = summary(result);
  assert.match(text, /^[^\n]+\.$/, `one sentence on one line: ${text}`);
  return text;
}

function cli(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, ...args, '--today', TODAY], { cwd, encoding: 'utf8' });
}

/** `inbound report --format json` of the folder: the report model. */
function report(cwd: string) {
  const r = cli(cwd, ['report', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const READ_TOOLS = ['inbound_readiness', 'inbound_requirement', 'inbound_accounts', 'inbound_findings', 'inbound_rules'];

describe('inbound mcp', () => {
  let ws: ReturnType<typeof copyOf>;
  let session: Awaited<ReturnType<typeof connect>>;
  before(async () => {
    ws = copyOf(join(REPO, 'examples'));
    session = await connect(ws.dir);
  });
  after(async () => {
    await session.client.close();
    ws.dispose();
  });

  it('lists the read tools, each with a description and an input schema, and no write tool', async () => {
    const { tools } = await session.client.listTools();
    assert.deepEqual(tools.map((t) => t.name), READ_TOOLS);
    for (const t of tools) {
      assert.ok((t.description ?? '').length > 100, `${t.name} tells a model when to call it`);
      assert.equal(t.inputSchema.type, 'object');
      assert.equal(t.annotations?.readOnlyHint, true);
    }
    const readiness = tools.find((t) => t.name === 'inbound_readiness')!;
    const verdict = (readiness.inputSchema.properties as Record<string, { anyOf?: unknown[] }>).verdict;
    assert.ok(verdict.anyOf, 'a verdict or a list of verdicts, as JSON Schema generated from zod');
    assert.equal(session.client.getServerVersion()?.name, 'inbound');
  });

  it('inbound_readiness gives the report\'s rows and headline, filtered', async () => {
    const model = report(ws.dir);
    const all = data(await call(session.client, 'inbound_readiness'));
    assert.deepEqual(all.requirements, model.requirements);
    assert.deepEqual((all.headline as { roadmap: unknown }).roadmap, model.headline.roadmap);
    assert.equal((all.headline as { requirements: number }).requirements, model.headline.requirements);

    const blocked = await call(session.client, 'inbound_readiness', { verdict: 'blocked', onRoadmap: true });
    const rows = data(blocked).requirements as { id: string }[];
    assert.deepEqual(
      rows.map((r) => r.id),
      model.requirements.filter((r: { verdict: string; onRoadmap: boolean }) => r.verdict === 'blocked' && r.onRoadmap).map((r: { id: string }) => r.id),
    );
    assert.ok(rows.length > 0);
    const { ready, total } = model.headline.roadmap;
    assert.match(summary(blocked), new RegExp(`^${ready} of ${total} roadmap items ready`));
    assert.match(summary(blocked), /CHK-102 Custom invoice PDF layout per customer — Blocked by the gate/);

    const single = data(await call(session.client, 'inbound_readiness', { finding: 'single-deal', owner: 'SAM' }));
    assert.deepEqual(
      (single.requirements as { id: string }[]).map((r) => r.id),
      model.requirements
        .filter((r: { owner?: string; findings: { code: string }[] }) => r.owner?.includes('sam') && r.findings.some((f) => f.code === 'single-deal'))
        .map((r: { id: string }) => r.id),
    );
  });

  it('inbound_requirement gives one requirement\'s row with its evidence as written', async () => {
    const row = report(ws.dir).requirements.find((r: { id: string }) => r.id === 'CHK-102');
    const answer = await call(session.client, 'inbound_requirement', { id: 'chk-102' });
    const d = data(answer);
    assert.deepEqual(d.requirement, row);
    assert.deepEqual(d.evidence, [{ line: 45, kind: 'sales-deal', account: 'Initech', deal: 'OPP-2307', amount: 45000, date: '2026-10-20', class: 'sales', complete: true }]);
    assert.match(summary(answer), /^CHK-102 Custom invoice PDF layout per customer — Blocked by the gate \(0 of 1 market evidence\)/);
    assert.match(summary(answer), /- sales-deal, Initech, OPP-2307, 45000, 2026-10-20/);
  });

  it('inbound_accounts gives the report\'s account concentration', async () => {
    const model = report(ws.dir);
    assert.deepEqual(data(await call(session.client, 'inbound_accounts')).accounts, model.concentration);
    const one = data(await call(session.client, 'inbound_accounts', { account: '  initech ' }));
    assert.deepEqual(one.accounts, model.concentration.filter((a: { account: string }) => a.account === 'Initech'));
  });

  it('inbound_findings gives what inbound check --format json prints', async () => {
    const check = cli(ws.dir, ['check', '--format', 'json']);
    const files = JSON.parse(check.stdout) as { file: string; diagnostics: unknown[] }[];
    const d = data(await call(session.client, 'inbound_findings'));
    assert.deepEqual(d.files, files);
    assert.equal(d.total, files.reduce((n, f) => n + f.diagnostics.length, 0));
    const one = data(await call(session.client, 'inbound_findings', { file: './checkout.req.yaml', code: 'roadmap-gate' }));
    assert.deepEqual(one.files, [
      { file: 'checkout.req.yaml', diagnostics: files.find((f) => f.file === 'checkout.req.yaml')!.diagnostics.filter((x) => (x as { code: string }).code === 'roadmap-gate') },
    ]);
  });

  it('inbound_rules explains a code with its page and this project\'s severity', async () => {
    const d = data(await call(session.client, 'inbound_rules', { code: 'single-deal' }));
    const [rule] = d.rules as { code: string; severity: string; documentation: string }[];
    assert.equal(rule.code, 'single-deal');
    assert.equal(rule.severity, 'warning');
    assert.match(rule.documentation, /^## What it means$/m);
    assert.match(rule.documentation, /Market evidence from Acme GmbH itself does not count/);
    assert.deepEqual((data(await call(session.client, 'inbound_rules')).rules as { code: string }[]).map((r) => r.code), ALL_RULES.map((r) => r.code));
  });

  it('answers bad input with one sentence that says what to do', async () => {
    const c = session.client;
    assert.equal(sentence(await call(c, 'inbound_readiness', { verdict: 'blockd' })), "'verdict' cannot be 'blockd' (did you mean 'blocked'?); it is one of blocked, at-risk, no-evidence, waived, gathering, ready, closed.");
    assert.match(sentence(await call(c, 'inbound_readiness', { verdikt: 'blocked' })), /^The input has no 'verdikt' \(did you mean 'verdict'\?\)/);
    assert.equal(sentence(await call(c, 'inbound_requirement', {})), "The input needs 'id'.");
    assert.equal(sentence(await call(c, 'inbound_requirement', { id: 'CHK-1022' })), 'No requirement CHK-1022 in this project; the closest is CHK-102.');
    assert.match(sentence(await call(c, 'inbound_findings', { file: 'chekout.req.yaml' })), /^No requirement file chekout\.req\.yaml in this project; the closest is checkout\.req\.yaml\.$/);
    assert.match(sentence(await call(c, 'inbound_readiness', { limit: 0 })), /^'limit' must be at least 1/);
    assert.match(sentence(await call(c, 'inbound_nothing')), /^There is no tool inbound_nothing; the tools are inbound_readiness, /);
    assert.equal(session.stderr(), '', 'input problems are answers, not server errors');
  });

  it('without --allow-edits refuses to write, and changes nothing', async () => {
    const before = readFileSync(join(ws.dir, 'checkout.req.yaml'), 'utf8');
    const refused = sentence(await call(session.client, 'inbound_add_evidence', { id: 'CHK-102', evidence: { kind: 'interview', account: 'Globex AG' } }));
    assert.match(refused, /inbound mcp --allow-edits/);
    assert.equal(readFileSync(join(ws.dir, 'checkout.req.yaml'), 'utf8'), before);
  });
});

describe('inbound mcp and a file that cannot be read', () => {
  it('names it, as the tools name files, wherever totals are given, and says why a requirement in it has no answer', async () => {
    const ws = copyOf(join(REPO, 'examples'));
    writeFileSync(join(ws.dir, 'growth', 'broken.req.yaml'), 'requirements:\n  - id: GRO-1\n    title: "never closed\n    status: roadmap\n');
    const { client } = await connect(ws.dir);
    try {
      const caveat = '1 file could not be read: growth/broken.req.yaml: their requirements are in no total.';
      assert.ok(summary(await call(client, 'inbound_readiness')).split('\n').includes(caveat));
      assert.ok(summary(await call(client, 'inbound_accounts')).split('\n').includes(caveat));
      assert.match(sentence(await call(client, 'inbound_requirement', { id: 'GRO-1' })), /^GRO-1 is in growth\/broken\.req\.yaml, which Inbound cannot read \(line 3: .*\); fix that first\.$/);
    } finally {
      await client.close();
      ws.dispose();
    }
  });
});

describe('inbound mcp --allow-edits', () => {
  it('adds evidence with the quick fix\'s edit, and answers from the file checked again', async () => {
    const ws = copyOf(join(REPO, 'examples'));
    const { client } = await connect(ws.dir, ['--allow-edits']);
    try {
      const { tools } = await client.listTools();
      const write = tools.find((t) => t.name === 'inbound_add_evidence');
      assert.ok(write, 'the write tool is offered');
      assert.equal(write.annotations?.readOnlyHint, false);

      // What the Add market evidence quick fix writes on CHK-102's single-deal warning, its blank filled in.
      const file = join(ws.dir, 'checkout.req.yaml');
      const original = readFileSync(file, 'utf8');
      const [project] = loadProjects({ paths: [], cwd: ws.dir, today: TODAY }).projects;
      const warning = project.workspace.diagnostics(file).diagnostics.find((d) => d.code === 'single-deal' && d.requirement === 'CHK-102')!;
      const fix = fixesFor(project.workspace, file, warning).find((f) => f.title.startsWith('Add market evidence'))!;
      const quickFixed = applyEdits(original, fix.edits);
      assert.equal(quickFixed.split('account: \n').length, 2, 'one blank account in the quick fix');
      const expected = quickFixed.replace('account: \n', 'account: Globex AG\n');

      const result = await call(client, 'inbound_add_evidence', { id: 'CHK-102', evidence: { kind: 'interview', account: 'Globex AG' } });
      const d = data(result);
      assert.equal(readFileSync(file, 'utf8'), expected);
      assert.equal(d.before, 'blocked');
      assert.deepEqual(d.added, { kind: 'interview', account: 'Globex AG', date: TODAY });
      assert.match(summary(result), /^Added an interview \(account: Globex AG\) dated 2026-11-23 to CHK-102 in checkout\.req\.yaml:\d+\.\nCHK-102: Blocked by the gate → Ready/);
      // The answer is the report of the file as it now is.
      const row = report(ws.dir).requirements.find((r: { id: string }) => r.id === 'CHK-102');
      assert.deepEqual(d.requirement, row);
      assert.equal(row.verdict, 'ready');

      // Invalid evidence is refused with the kind's own schema, and the file stays as it is.
      const now = readFileSync(file, 'utf8');
      assert.equal(sentence(await call(client, 'inbound_add_evidence', { id: 'CHK-102', evidence: { kind: 'interview' } })), "Interview evidence needs 'account'.");
      assert.match(sentence(await call(client, 'inbound_add_evidence', { id: 'CHK-102', evidence: { kind: 'support-tickets', count: 0 } })), /^'evidence\.count' must be at least 1, not 0\.$/);
      assert.match(sentence(await call(client, 'inbound_add_evidence', { id: 'CHK-102', evidence: { kind: 'interview', account: 'Globex AG', date: '23/11/2026' } })), /'date'/);
      assert.equal(readFileSync(file, 'utf8'), now);
    } finally {
      await client.close();
      ws.dispose();
    }
  });

  it('does not write through a symbolic link', async () => {
    const ws = copyOf(join(REPO, 'examples'));
    mkdirSync(join(ws.dir, 'real'));
    writeFileSync(join(ws.dir, 'real', 'links.yaml'), 'requirements:\n  - id: LNK-1\n    title: Linked\n    status: idea\n');
    symlinkSync(join(ws.dir, 'real', 'links.yaml'), join(ws.dir, 'linked.req.yaml'));
    const { client } = await connect(ws.dir, ['--allow-edits']);
    try {
      const refused = sentence(await call(client, 'inbound_add_evidence', { id: 'LNK-1', evidence: { kind: 'metric', metric: 'weekly exports' } }));
      assert.match(refused, /^linked\.req\.yaml was not changed: it is a symbolic link/);
      assert.equal(readFileSync(join(ws.dir, 'real', 'links.yaml'), 'utf8'), 'requirements:\n  - id: LNK-1\n    title: Linked\n    status: idea\n');
    } finally {
      await client.close();
      ws.dispose();
    }
  });
});

describe('inbound mcp reads nothing outside its folder', () => {
  it('does not follow a config above the folder, nor a link out of it', async () => {
    const ws = copyOf(join(REPO, 'examples'));
    // The folder the assistant is given is growth/; the config above it asks for more market evidence.
    writeFileSync(join(ws.dir, 'inbound.config.yaml'), 'roadmap:\n  min-market-evidence: 5\n');
    writeFileSync(join(ws.dir, 'secret.yaml'), 'requirements:\n  - id: SEC-1\n    title: Outside\n    status: idea\n');
    symlinkSync(join(ws.dir, 'secret.yaml'), join(ws.dir, 'growth', 'secret.req.yaml'));
    const folder = join(ws.dir, 'growth');
    const { client } = await connect(folder);
    try {
      const d = data(await call(client, 'inbound_readiness'));
      assert.equal((d.policy as { minMarketEvidence: number }).minMarketEvidence, 1, 'the defaults, not the config above');
      assert.ok(!(d.requirements as { id: string }[]).some((r) => r.id === 'SEC-1'));
      assert.deepEqual((d.problems as string[]).map((p) => p.replace(/\(to .*\)/, '(to …)')), ['cannot read secret.req.yaml: it is outside the project, through a symbolic link (to …); links are followed only within the project']);
      assert.match(sentence(await call(client, 'inbound_requirement', { id: 'SEC-1' })), /^No requirement SEC-1 in this project/);
    } finally {
      await client.close();
      ws.dispose();
    }
  });

  it('answers about the folder it is given, as about the current one', async () => {
    const { client } = await connect(REPO, [join(REPO, 'examples', 'growth')]);
    try {
      const d = data(await call(client, 'inbound_readiness'));
      const rows = d.requirements as { id: string; file: string }[];
      assert.deepEqual(rows.map((r) => r.id).sort(), ['ONB-20', 'ONB-21', 'ONB-22', 'RPT-3', 'RPT-4']);
      // Files are named relative to that folder, as they are in answers about the current one.
      assert.deepEqual([...new Set(rows.map((r) => r.file))].sort(), ['onboarding.req.yaml', 'reporting.req.yml']);
    } finally {
      await client.close();
    }
  });

  it('--help says what it is; a usage problem is one line', () => {
    const help = spawnSync(process.execPath, [CLI, 'mcp', '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: inbound mcp \[folder\] \[--allow-edits\]/);
    const two = spawnSync(process.execPath, [CLI, 'mcp', 'examples', 'test'], { encoding: 'utf8', cwd: REPO });
    assert.equal(two.status, 2);
    assert.equal(two.stderr, 'inbound: inbound mcp answers about one folder, not 2: start one server per folder\n');
    const missing = spawnSync(process.execPath, [CLI, 'mcp', 'no-such-folder'], { encoding: 'utf8', cwd: REPO });
    assert.equal(missing.stderr, 'inbound: no such folder: no-such-folder\n');
  });
});
