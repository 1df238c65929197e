/**
 * The server under abuse, over the real protocol: floods of edits, edits racing a pull, cancelled
 * requests, nonsense requests, files vanishing while they are being read. Afterwards it must still
 * be up and answer correctly.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { DocumentDiagnosticRequest, DocumentSymbolRequest, FileChangeType, HoverRequest } from 'vscode-languageserver-protocol/node';
import type { DocumentDiagnosticReport, DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { copyOf, LspClient, REPO, uri } from './lsp-client';

const EXAMPLES = join(REPO, 'examples');

/** Proof of life: the outline of a file, which needs the whole engine. */
async function outline(client: LspClient, fileUri: string): Promise<string[]> {
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: fileUri } })) as DocumentSymbol[];
  return symbols.map((s) => s.name);
}

describe('a flood of edits', () => {
  let ws: ReturnType<typeof copyOf>;
  let client: LspClient;
  before(async () => {
    ws = copyOf(EXAMPLES);
    client = await LspClient.start(ws.dir, { debounceMs: 50 });
    await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files === 4);
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it('1,000 edits in a burst: coalesced, in order, and the last version is right', async () => {
    const file = join(ws.dir, 'platform.req.yaml');
    const fileUri = uri(file);
    const text = readFileSync(file, 'utf8');
    await client.open(fileUri, text);
    await client.diagnostics(fileUri, (_d, p) => p.version === 1);
    const from = client.publications.length;
    // Type "Dark mode" → "Dark mode xxx…" a thousand times, then step PLT-9 onto the roadmap.
    const line = text.split('\n').findIndex((l) => l.includes('title: Dark mode'));
    const end = { line, character: text.split('\n')[line].length };
    const sends: Promise<number>[] = [];
    for (let i = 0; i < 1000; i++) sends.push(client.change(fileUri, [{ range: { start: end, end }, text: 'x' }]));
    const statusLine = line + 1;
    sends.push(client.change(fileUri, [{ range: { start: { line: statusLine, character: 12 }, end: { line: statusLine, character: 16 } }, text: 'roadmap' }]));
    const versions = await Promise.all(sends);
    const last = versions[versions.length - 1];
    const final = await client.diagnostics(fileUri, (_d, p) => p.version === last, 30_000);
    assert.deepEqual(
      final.map((d) => d.code),
      ['single-deal', 'no-evidence', 'roadmap-gate'],
      'the last text: PLT-9 is on the roadmap with no evidence',
    );
    const mine = client.publications.slice(from).filter((p) => p.uri === fileUri).map((p) => p.version!);
    // The typed file is published without the delay, once per batch of messages the server has read:
    // how many batches depends on how the pipe delivers the burst (26 on a loaded 2-core machine).
    // A burst is coalesced all the same: never one analysis per keystroke.
    assert.ok(mine.length <= 100, `${mine.length} publications for 1,001 edits`);
    assert.deepEqual(mine, [...mine].sort((a, b) => a - b), 'never an older version after a newer one');
    assert.deepEqual(await outline(client, fileUri), ['PLT-7 Single sign-on with SAML', 'PLT-8 Audit log export to SIEM', `PLT-9 Dark mode ${'x'.repeat(1000)}`.replace(' x', 'x')]);
    await client.close(fileUri);
  });

  it('answers nonsense sanely and keeps going', async () => {
    await assert.rejects(client.connection.sendRequest('inbound/noSuchThing', {}), /Unhandled method/i);
    // Malformed parameters: nothing to say, rather than an error or a crash.
    assert.equal(await client.connection.sendRequest(HoverRequest.type, {} as never), null);
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: null } as never), []);
    assert.equal((await outline(client, uri(join(ws.dir, 'platform.req.yaml')))).length, 3);
  });

  it('takes cancelled requests in its stride', async () => {
    // Whether a request is cancelled before or after the server got to it depends on timing; either
    // way it settles, and the server answers what comes next. (A held workspace pull, which is
    // cancelled for certain, is tested with the pulled diagnostics.)
    const settled = [];
    for (let i = 0; i < 50; i++) {
      const source = new CancellationTokenSource();
      const request = client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri(join(ws.dir, 'checkout.req.yaml')) } }, source.token);
      source.cancel();
      settled.push(request.then(() => 'answered', (e: Error) => (/cancel/i.test(e.message) ? 'cancelled' : e.message)));
    }
    const outcomes = new Set(await Promise.all(settled));
    assert.ok([...outcomes].every((o) => o === 'answered' || o === 'cancelled'), [...outcomes].join(', '));
    assert.equal((await outline(client, uri(join(ws.dir, 'checkout.req.yaml')))).length, 4);
  });
});

describe('edits racing a pull', () => {
  it('a pull right after an edit sees the edit', async () => {
    const ws = copyOf(EXAMPLES);
    const client = await LspClient.start(ws.dir, { pull: true, debounceMs: 500 });
    try {
      const file = join(ws.dir, 'checkout.req.yaml');
      const fileUri = uri(file);
      await client.open(fileUri, readFileSync(file, 'utf8'));
      for (let i = 0; i < 20; i++) {
        // Alternate CHK-102 between roadmap and validated, pulling at once each time.
        const status = i % 2 === 0 ? 'validated' : 'roadmap  ';
        void client.change(fileUri, [{ range: { start: { line: 42, character: 12 }, end: { line: 42, character: 21 } }, text: status }]);
        const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: fileUri } })) as DocumentDiagnosticReport;
        const codes = report.kind === 'full' ? report.items.map((d) => d.code) : [];
        assert.equal(codes.includes('roadmap-gate'), i % 2 === 1, `pull ${i}: ${codes.join(',')}`);
      }
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});

describe('files vanishing while the server reads them', () => {
  it('finishes indexing, checks what is left, and stays up', async () => {
    const ws = copyOf(EXAMPLES);
    const many = join(ws.dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 400; i++) {
      writeFileSync(join(many, `area-${i}.req.yaml`), `requirements:\n  - id: M${i}-1\n    title: Item ${i}\n    status: proposed\n`);
    }
    const client = await LspClient.start(ws.dir, { debounceMs: 20 });
    try {
      // Pull the rug while it reads: half the files go, with their delete events.
      for (let i = 0; i < 400; i += 2) rmSync(join(many, `area-${i}.req.yaml`));
      await client.watched(Array.from({ length: 200 }, (_, k) => ({ uri: uri(join(many, `area-${k * 2}.req.yaml`)), type: FileChangeType.Deleted })));
      const status = await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files === 204, 60_000);
      assert.equal(status.files, 204);
      const survivor = uri(join(many, 'area-1.req.yaml'));
      assert.deepEqual((await client.diagnostics(survivor)).map((d) => d.code), ['no-evidence']);
      for (let i = 0; i < 400; i += 2) assert.ok(!client.published.get(uri(join(many, `area-${i}.req.yaml`)))?.diagnostics.length);
      assert.deepEqual(await outline(client, survivor), ['M1-1 Item 1']);
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});

describe('files that are not files', () => {
  it('a named pipe called *.req.yaml neither blocks the server nor stops it reading the rest', async () => {
    const ws = copyOf(EXAMPLES);
    const pipe = join(ws.dir, 'pipe.req.yaml');
    execFileSync('mkfifo', [pipe]);
    const client = await LspClient.start(ws.dir, { debounceMs: 20 });
    try {
      await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files === 4, 30_000);
      // The file watcher reports the pipe (globbing skips it); file events are handled in order, so
      // a read that waited on the pipe would hold back the new file behind it for good.
      await client.watched([{ uri: uri(pipe), type: FileChangeType.Changed }]);
      const later = join(ws.dir, 'later.req.yaml');
      writeFileSync(later, 'requirements:\n  - id: LAT-1\n    title: Later\n    status: proposed\n');
      await client.watched([{ uri: uri(later), type: FileChangeType.Created }]);
      assert.deepEqual((await client.diagnostics(uri(later))).map((d) => d.code), ['no-evidence']);
      const platform = uri(join(ws.dir, 'platform.req.yaml'));
      assert.deepEqual((await client.diagnostics(platform)).map((d) => d.code), ['single-deal']);
      assert.equal((await outline(client, platform)).length, 3);
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});
