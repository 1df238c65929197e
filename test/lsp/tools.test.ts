/**
 * The `inbound/tool` request behind VS Code's language-model tools, through the real server over
 * stdio: the answers are the report's (`inbound/report`), unsaved text counts, the write tool's
 * plan is the Add market evidence quick fix's edit, and in Restricted Mode no tool runs the
 * workspace's own id-pattern.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest } from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ToolParams, ToolPlan, ToolResponse } from '../../server/src/lsp/protocol';
import { copyOf, LspClient, REPO, TODAY, uri } from './lsp-client';

const EXAMPLES = join(REPO, 'examples');

async function tool(client: LspClient, params: ToolParams): Promise<ToolResponse> {
  return (await client.connection.sendRequest('inbound/tool', params)) as ToolResponse;
}

async function answer(client: LspClient, name: string, input: unknown = {}): Promise<{ summary: string; data: Record<string, any> }> {
  const r = await tool(client, { name, input });
  assert.ok('summary' in r, `an answer, not ${JSON.stringify(r)}`);
  return r;
}

async function indexed(client: LspClient): Promise<void> {
  await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files === 4);
}

describe('inbound/tool', () => {
  let client: LspClient;
  let ws: ReturnType<typeof copyOf>;
  before(async () => {
    ws = copyOf(EXAMPLES);
    client = await LspClient.start(ws.dir, { debounceMs: 0 });
    await indexed(client);
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it("answers readiness and accounts with the report's numbers", async () => {
    const report = (await client.connection.sendRequest('inbound/report', {})) as Record<string, any>;
    const { data } = await answer(client, 'inbound_readiness');
    assert.deepEqual(data.headline.roadmap, report.headline.roadmap);
    // The same rows; the report names files by URI (for clicks), the tools relative to the folder.
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ file: _f, path: _p, ...rest }) => rest);
    assert.deepEqual(strip(data.requirements), strip(report.requirements));
    assert.deepEqual(
      data.requirements.map((r: { file: string }) => r.file),
      report.requirements.map((r: { file: string }) => r.file.slice(uri(ws.dir).length + 1)),
    );
    assert.deepEqual((await answer(client, 'inbound_accounts')).data.accounts, report.concentration);
  });

  it('sees unsaved edits', async () => {
    const file = join(ws.dir, 'checkout.req.yaml');
    const text = readFileSync(file, 'utf8');
    const edited = text.replace('        deal: OPP-2307\n        amount: 45000\n        date: 2026-10-20\n', '        deal: OPP-2307\n        amount: 45000\n        date: 2026-10-20\n      - kind: interview\n        account: Globex AG\n        date: 2026-11-02\n');
    assert.notEqual(edited, text);
    await client.open(uri(file), edited);
    try {
      const { data, summary } = await answer(client, 'inbound_requirement', { id: 'CHK-102' });
      assert.equal(data.requirement.verdict, 'ready');
      assert.equal(data.evidence.length, 2);
      assert.match(summary, /^CHK-102 Custom invoice PDF layout per customer — Ready/);
      assert.equal(readFileSync(file, 'utf8'), text, 'nothing was saved');
    } finally {
      await client.close(uri(file));
    }
  });

  it("plans the quick fix's edit for the editor to apply, then answers from the edited text", async () => {
    const file = join(ws.dir, 'checkout.req.yaml');
    const fileUri = uri(file);
    const text = readFileSync(file, 'utf8');
    await client.open(fileUri, text);
    try {
      const onChk102 = (d: Diagnostic) => d.code === 'single-deal' && String(d.message).includes('CHK-102');
      const diagnostics = await client.diagnostics(fileUri, (d, p) => p.version === client.version(fileUri) && d.some(onChk102));
      const warning = diagnostics.find(onChk102)!;
      assert.ok(warning, 'the single-deal warning on CHK-102');
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: fileUri },
        range: warning.range,
        context: { diagnostics: [warning], only: ['quickfix'] },
      })) as CodeAction[];
      const fix = actions.find((a) => a.title.startsWith('Add market evidence'))!;
      const fixEdits = (fix.edit!.documentChanges as TextDocumentEdit[])[0].edits as TextEdit[];

      const input = { id: 'CHK-102', evidence: { kind: 'interview', account: 'Globex AG' } };
      const planned = await tool(client, { name: 'inbound_add_evidence', input, step: 'plan' });
      assert.ok('plan' in planned, JSON.stringify(planned));
      const plan: ToolPlan = planned.plan;
      assert.equal(plan.uri, fileUri);
      assert.equal(plan.version, client.version(fileUri));
      assert.deepEqual(plan.edits, fixEdits.map((e) => ({ ...e, newText: e.newText.replace('account: \n', 'account: Globex AG\n') })));
      assert.equal(plan.description, `Add an interview (account: Globex AG) dated ${TODAY} to the evidence of CHK-102 (Custom invoice PDF layout per customer) in checkout.req.yaml, after line 50.`);
      assert.equal(readFileSync(file, 'utf8'), text, 'planning writes nothing');

      // The editor applies it (an unsaved edit); the server then answers from that text.
      const edited = TextDocument.applyEdits(TextDocument.create(fileUri, 'yaml', plan.version!, text), plan.edits);
      await client.change(fileUri, [{ text: edited }]);
      const applied = await tool(client, { name: 'inbound_add_evidence', input, step: 'applied', after: plan.after });
      assert.ok('summary' in applied, JSON.stringify(applied));
      assert.match(applied.summary, /^Added an interview \(account: Globex AG\) dated 2026-11-23 to CHK-102 in checkout\.req\.yaml:51\.\nCHK-102: Blocked by the gate → Ready/);
      assert.equal((applied.data.requirement as { verdict: string }).verdict, 'ready');
    } finally {
      await client.close(fileUri);
    }
  });

  it('answers about the workspace folders only, not a file opened from elsewhere', async () => {
    const elsewhere = copyOf(join(EXAMPLES, 'growth'));
    const outside = uri(join(elsewhere.dir, 'onboarding.req.yaml'));
    await client.open(outside, readFileSync(join(elsewhere.dir, 'onboarding.req.yaml'), 'utf8').replace(/ONB-/g, 'OUT-'));
    try {
      // The server checks it (it publishes its findings), and the tools leave it out.
      await client.diagnostics(outside, (d) => d.length > 0);
      const ids = (await answer(client, 'inbound_readiness')).data.requirements.map((r: { id: string }) => r.id);
      assert.ok(ids.includes('ONB-20') && !ids.some((id: string) => id.startsWith('OUT-')), JSON.stringify(ids));
    } finally {
      await client.close(outside);
      elsewhere.dispose();
    }
  });

  it('says in one sentence why it cannot answer', async () => {
    assert.deepEqual(await tool(client, { name: 'inbound_requirement', input: { id: 'CHK-1022' } }), { error: 'No requirement CHK-1022 in this project; the closest is CHK-102.' });
    assert.deepEqual(await tool(client, { name: 'inbound_add_evidence', input: { id: 'CHK-102', evidence: { kind: 'interview' } }, step: 'plan' }), {
      error: "Interview evidence needs 'account'.",
    });
    const unknown = await tool(client, { name: 'inbound_nothing', input: {} });
    assert.ok('error' in unknown && /^There is no tool inbound_nothing; the tools are /.test(unknown.error));
  });
});

describe('inbound/tool in a multi-root workspace', () => {
  it('names files with their folder, and finds a requirement by that name where the id is used twice', async () => {
    const ws = copyOf(EXAMPLES);
    const other = copyOf(EXAMPLES);
    const client = await LspClient.start(ws.dir, { folders: [ws.dir, other.dir] });
    try {
      await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files === 8);
      const rows = (await answer(client, 'inbound_readiness', { verdict: 'blocked' })).data.requirements as { id: string; file: string; project: string }[];
      const [a, b] = [ws.dir, other.dir].map((d) => d.split('/').pop());
      assert.deepEqual(
        rows.filter((r) => r.id === 'CHK-102').map((r) => [r.file, r.project]).sort(),
        [
          [`${a}/checkout.req.yaml`, a],
          [`${b}/checkout.req.yaml`, b],
        ].sort(),
      );
      const twice = await tool(client, { name: 'inbound_requirement', input: { id: 'CHK-102' } });
      assert.ok('error' in twice && twice.error.includes('name the file as well'), JSON.stringify(twice));
      const one = await answer(client, 'inbound_requirement', { id: 'CHK-102', file: `${b}/checkout.req.yaml` });
      assert.equal(one.data.requirement.file, `${b}/checkout.req.yaml`);
    } finally {
      await client.stop();
      ws.dispose();
      other.dispose();
    }
  });
});

describe('inbound/tool in an untrusted workspace', () => {
  it("never runs the workspace's own id-pattern", async () => {
    const ws = copyOf(EXAMPLES);
    writeFileSync(join(ws.dir, 'inbound.config.yaml'), 'id-pattern: "^X-[0-9]+$"\n');
    const untrusted = await LspClient.start(ws.dir, { trusted: false });
    const trusted = await LspClient.start(ws.dir, { trusted: true });
    try {
      await indexed(untrusted);
      await indexed(trusted);
      const schema = async (client: LspClient) => (await answer(client, 'inbound_findings', { code: 'schema' })).data.total as number;
      assert.equal(await schema(untrusted), 0, 'ids checked against the default pattern');
      assert.ok((await schema(trusted)) > 0, 'once trusted, every id fails the pattern');
    } finally {
      await untrusted.stop();
      await trusted.stop();
      ws.dispose();
    }
  });
});
