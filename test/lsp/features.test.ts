/**
 * The editor features over the real protocol, on a copy of examples/: completion, hover, go to
 * definition, references, rename across files, symbols, code lens, the new-requirement scaffold and
 * the report request; and sane answers to requests about unknown documents or impossible positions.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol/node';
import type { CompletionItem, CompletionList, DocumentSymbol, Hover, Location, Position, SymbolInformation, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { copyOf, LspClient, REPO, uri } from './lsp-client';

let ws: ReturnType<typeof copyOf>;
let client: LspClient;
const docs = new Map<string, string>();

function path(rel: string): string {
  return join(ws.dir, rel);
}

/** Where `needle` (the nth time) starts in an example file, plus `shift` characters. */
function at(rel: string, needle: string, shift = 0, nth = 0): Position {
  const text = docs.get(rel) ?? readFileSync(path(rel), 'utf8');
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} in ${rel}`);
  return TextDocument.create('x', 'yaml', 1, text).positionAt(i + shift);
}

/** Opens a file in the editor (closing it first if a test left it open with other text). */
async function open(rel: string, text?: string): Promise<string> {
  if (docs.has(rel)) await client.close(uri(path(rel)));
  const body = text ?? readFileSync(path(rel), 'utf8');
  docs.set(rel, body);
  await client.open(uri(path(rel)), body);
  return uri(path(rel));
}

async function completion(rel: string, position: Position): Promise<CompletionItem[]> {
  const r = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri(path(rel)) }, position })) as CompletionItem[] | CompletionList | null;
  return Array.isArray(r) ? r : (r?.items ?? []);
}

async function hover(rel: string, position: Position): Promise<string | undefined> {
  const h = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(path(rel)) }, position })) as Hover | null;
  return h ? (h.contents as { value: string }).value : undefined;
}

function rel(location: Location): string {
  return new URL(location.uri).pathname.slice(ws.dir.length + 1);
}

before(async () => {
  ws = copyOf(join(REPO, 'examples'));
  client = await LspClient.start(ws.dir);
  await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files === 4);
});
afterEach(async () => {
  // Each test starts from the files as they are on disk.
  for (const name of docs.keys()) await client.close(uri(path(name)));
  docs.clear();
});
after(async () => {
  await client.stop();
  ws.dispose();
});

describe('completion', () => {
  it('offers statuses after status:, each explained', async () => {
    const text = readFileSync(path('checkout.req.yaml'), 'utf8').replace('status: proposed', 'status: ');
    await open('checkout.req.yaml', text);
    const items = await completion('checkout.req.yaml', at('checkout.req.yaml', 'status: \n', 8));
    assert.deepEqual(items.map((i) => i.label), ['idea', 'proposed', 'validated', 'roadmap', 'in-progress', 'shipped', 'rejected']);
    assert.match((items[3].documentation as { value: string }).value, /roadmap gate/);
  });

  it('offers evidence kinds after kind:, and the keys that kind takes in its block', async () => {
    const text = readFileSync(path('checkout.req.yaml'), 'utf8').replace('      - kind: rfp\n        account: Hooli\n', '      - kind: \n        account: Hooli\n');
    await open('checkout.req.yaml', text);
    const kinds = await completion('checkout.req.yaml', at('checkout.req.yaml', 'kind: \n', 6));
    assert.equal(kinds.length, 12);
    assert.equal(kinds[0].label, 'sales-deal');
    assert.match((kinds.find((k) => k.label === 'interview')!.documentation as { value: string }).value, /Market evidence/);

    // A new key in the interview of CHK-101: what an interview takes, minus what it has.
    const withBlank = readFileSync(path('checkout.req.yaml'), 'utf8').replace('        person: Head of Finance\n', '        person: Head of Finance\n        \n');
    await open('checkout.req.yaml', withBlank);
    const keys = await completion('checkout.req.yaml', at('checkout.req.yaml', 'Head of Finance\n        \n', 24));
    // kind, account, person, date and note are written (note and date below the cursor).
    assert.deepEqual(keys.map((k) => k.label), ['link']);
    assert.equal(keys[0].textEdit && 'newText' in keys[0].textEdit ? keys[0].textEdit.newText : '', 'link: ');
  });

  it('offers requirement keys not yet written', async () => {
    const text = readFileSync(path('platform.req.yaml'), 'utf8').replace('    status: idea\n', '    status: idea\n    o\n');
    await open('platform.req.yaml', text);
    const items = await completion('platform.req.yaml', at('platform.req.yaml', '    o\n', 5));
    assert.deepEqual(items.map((i) => i.label), ['owner', 'problem', 'segments', 'depends-on', 'evidence', 'waiver']);
  });

  it('offers the ids of the workspace in depends-on, and account names already in use', async () => {
    const text = readFileSync(path('growth/onboarding.req.yaml'), 'utf8').replace('depends-on: [ONB-20, PLT-7]', 'depends-on: [ONB-20, ]');
    await open('growth/onboarding.req.yaml', text);
    const ids = await completion('growth/onboarding.req.yaml', at('growth/onboarding.req.yaml', 'ONB-20, ]', 8));
    assert.ok(ids.some((i) => i.label === 'PLT-7' && i.detail === 'Single sign-on with SAML'));
    assert.ok(!ids.some((i) => i.label === 'ONB-21'), 'not its own id');
    assert.equal(ids.length, 11);

    const typed = text.replace('account: Hooli', 'account: Ini');
    await open('growth/onboarding.req.yaml', typed);
    const accounts = await completion('growth/onboarding.req.yaml', at('growth/onboarding.req.yaml', 'account: Ini', 12));
    // Initech is named in four deals (once as 'initech'), more than any other account: it comes first.
    assert.equal(accounts[0].label, 'Initech');
    assert.equal(accounts[0].detail, 'used 4 times in the workspace');
    // The whole value is replaced: "Ini" becomes "Initech", not "IniInitech".
    const edit = accounts[0].textEdit as TextEdit;
    assert.deepEqual(edit.range, { start: at('growth/onboarding.req.yaml', 'Ini'), end: at('growth/onboarding.req.yaml', 'Ini', 3) });
  });
});

describe('hover', () => {
  it('on an id in depends-on: its title, status and evidence', async () => {
    await open('growth/onboarding.req.yaml');
    const text = await hover('growth/onboarding.req.yaml', at('growth/onboarding.req.yaml', 'PLT-7]', 2));
    assert.equal(
      text,
      '**PLT-7** — Single sign-on with SAML\n\nStatus: **in-progress** · owner lee@example.com\n\nEvidence: 0 deals · 3 market · roadmap-ready\n\nAccounts: Vandelay Industries',
    );
  });

  it('on an evidence kind: what it means and what it needs', async () => {
    const text = await hover('growth/onboarding.req.yaml', at('growth/onboarding.req.yaml', 'usability-test', 3));
    assert.match(text!, /^\*\*usability-test\*\* — People were watched/);
    assert.match(text!, /Needs `participants`\./);
  });

  it('nothing on a title', async () => {
    assert.equal(await hover('growth/onboarding.req.yaml', at('growth/onboarding.req.yaml', 'Guided setup', 2)), undefined);
  });
});

describe('navigation', () => {
  it('goes from a depends-on entry to the requirement in another file', async () => {
    const defs = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: uri(path('growth/onboarding.req.yaml')) },
      position: at('growth/onboarding.req.yaml', 'PLT-7]', 1),
    })) as Location[];
    assert.deepEqual(defs.map((d) => [rel(d), d.range.start]), [['platform.req.yaml', { line: 2, character: 8 }]]);
  });

  it('finds every reference to an id, with or without its definition', async () => {
    const params = { textDocument: { uri: uri(path('platform.req.yaml')) }, position: at('platform.req.yaml', 'PLT-7', 1) };
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, { ...params, context: { includeDeclaration: false } })) as Location[];
    assert.deepEqual(refs.map((r) => `${rel(r)}:${r.range.start.line + 1}`).sort(), ['growth/onboarding.req.yaml:26', 'platform.req.yaml:26']);
    const withDef = (await client.connection.sendRequest(ReferencesRequest.type, { ...params, context: { includeDeclaration: true } })) as Location[];
    assert.equal(withDef.length, 3);
  });

  it('renames an id in every file, unopened ones included, and refuses a taken or malformed id', async () => {
    const params = { textDocument: { uri: uri(path('platform.req.yaml')) }, position: at('platform.req.yaml', 'PLT-7', 2) };
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, params);
    assert.deepEqual(prepared, { range: { start: { line: 2, character: 8 }, end: { line: 2, character: 13 } }, placeholder: 'PLT-7' });
    const edit = (await client.connection.sendRequest(RenameRequest.type, { ...params, newName: 'PLT-70' })) as WorkspaceEdit;
    const files = Object.entries(edit.changes!).map(([u, edits]) => [new URL(u).pathname.slice(ws.dir.length + 1), edits.length]);
    assert.deepEqual(files.sort(), [['growth/onboarding.req.yaml', 1], ['platform.req.yaml', 2]]);
    const platform = TextDocument.create('p', 'yaml', 1, readFileSync(path('platform.req.yaml'), 'utf8'));
    const renamed = TextDocument.applyEdits(platform, edit.changes![uri(path('platform.req.yaml'))]);
    assert.equal(renamed, platform.getText().replace('id: PLT-7\n', 'id: PLT-70\n').replace('depends-on: [PLT-7]', 'depends-on: [PLT-70]'));

    await assert.rejects(client.connection.sendRequest(RenameRequest.type, { ...params, newName: 'CHK-101' }), /already the id of “Pay by bank transfer”/);
    await assert.rejects(client.connection.sendRequest(RenameRequest.type, { ...params, newName: 'plt 7' }), /not a requirement id/);
    assert.equal(await client.connection.sendRequest(PrepareRenameRequest.type, { ...params, position: at('platform.req.yaml', 'Single sign-on', 3) }), null);
  });
});

describe('symbols and lens', () => {
  it('outlines a file: requirements with their evidence', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri(path('platform.req.yaml')) } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => [s.name, s.detail, s.children?.length]), [
      ['PLT-7 Single sign-on with SAML', 'in-progress', 3],
      ['PLT-8 Audit log export to SIEM', 'roadmap', 1],
      ['PLT-9 Dark mode', 'idea', 0],
    ]);
    assert.equal(symbols[1].children![0].name, 'sales-deal · Initech · OPP-2290');
  });

  it('finds requirements across the workspace by id or title (Ctrl+T)', async () => {
    const found = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'bank' })) as SymbolInformation[];
    assert.deepEqual(found.map((s) => [s.name, s.containerName, rel(s.location)]), [['CHK-101 Pay by bank transfer', 'Checkout', 'checkout.req.yaml']]);
    const all = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' })) as SymbolInformation[];
    assert.equal(all.length, 12);
  });

  it('shows the evidence mix and readiness above each requirement', async () => {
    await open('checkout.req.yaml');
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri(path('checkout.req.yaml')) } })) as { range: { start: Position }; command: { title: string } }[];
    assert.deepEqual(lenses.map((l) => [l.range.start.line + 1, l.command.title]), [
      [4, '0 deals · 1 market · shipped'],
      [15, '1 deal · 2 market · roadmap-ready'],
      [41, '1 deal · 0 market · not roadmap-ready'],
      // A deal and an RFP: an RFP is not a deal.
      [52, '1 deal · 1 RFP · 0 market · at risk: sales-driven'],
    ]);
  });
});

describe('commands the extension calls', () => {
  it('scaffolds a new requirement with the next free id of the file', async () => {
    await open('checkout.req.yaml');
    const r = (await client.connection.sendRequest('inbound/newRequirement', { uri: uri(path('checkout.req.yaml')) })) as { id: string; edit: TextEdit; title: { start: Position } };
    assert.equal(r.id, 'CHK-104');
    const before = docs.get('checkout.req.yaml')!;
    const added = TextDocument.applyEdits(TextDocument.create('c', 'yaml', 1, before), [r.edit]);
    assert.equal(added, before + '  - id: CHK-104\n    title: \n    status: idea\n');
    const lines = added.split('\n');
    assert.equal(lines[r.title.start.line].slice(0, r.title.start.character), '    title: ');
  });

  it('answers the report request with the readiness of every requirement', async () => {
    const report = (await client.connection.sendRequest('inbound/report', {})) as { requirements: { id: string; verdict: string; file: string }[] };
    assert.equal(report.requirements.length, 12);
    const chk102 = report.requirements.find((r) => r.id === 'CHK-102')!;
    assert.equal(chk102.verdict, 'blocked');
    assert.equal(chk102.file, uri(path('checkout.req.yaml')));
  });
});

describe('requests that make no sense get sane answers', () => {
  it('an unknown document, a position far past the end, a YAML file that is not a requirement file', async () => {
    const nowhere = { uri: uri(path('nowhere.req.yaml')) };
    const far = { line: 10_000, character: 10_000 };
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: nowhere, position: far }), null);
    assert.deepEqual(await client.connection.sendRequest(CompletionRequest.type, { textDocument: nowhere, position: far }), []);
    assert.deepEqual(await client.connection.sendRequest(DefinitionRequest.type, { textDocument: nowhere, position: far }), []);
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: nowhere }), []);
    assert.equal(await client.connection.sendRequest('inbound/newRequirement', { uri: nowhere.uri }), null);
    await open('platform.req.yaml');
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(path('platform.req.yaml')) }, position: far }), null);
    await client.open(uri(path('docker-compose.yaml')), 'services:\n  web:\n    image: nginx\n');
    assert.deepEqual(await completion('docker-compose.yaml', { line: 2, character: 4 }), []);
    assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri(path('docker-compose.yaml')) } }), []);
    // Still answering after all that.
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri(path('platform.req.yaml')) } })) as DocumentSymbol[];
    assert.equal(symbols.length, 3);
  });
});
