/**
 * Where the server may read, over the real protocol: symbolic links (indexing, a link created on
 * disk and reported by the watcher, a document closed and read again), config globs that try to
 * leave the folder, a file too large to read and files that are not UTF-8, and editors that do not
 * announce workspace folders (or progress, dynamic registration, refresh).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileChangeType, WorkspaceSymbolRequest } from 'vscode-languageserver-protocol/node';
import type { PublishDiagnosticsParams, SymbolInformation } from 'vscode-languageserver-protocol/node';
import { ReportRequest } from '../../server/src/lsp/protocol';
import { copyOf, LspClient, REPO, uri } from './lsp-client';

const POSIX = process.platform !== 'win32';
const EXAMPLES = join(REPO, 'examples');

type Status = { indexing: boolean; files: number };

/** A file like ~/.env: YAML keys that a finding ("Unknown key 'SECRET_TOKEN'") would show. */
const SECRET = 'SECRET_TOKEN: hunter2\nAWS_SECRET: also-hunter2\n';
const HEALTHY = 'requirements:\n  - id: OK-1\n    title: Healthy\n    status: proposed\n';

function requirement(id: string): string {
  return `requirements:\n  - id: ${id}\n    title: Requirement ${id}\n    status: proposed\n`;
}

/** Nothing the server published mentions the secret's keys or values. */
function assertNoLeak(client: LspClient): void {
  const leaked = client.publications.filter((p) => /SECRET|hunter2/.test(JSON.stringify(p.diagnostics)));
  assert.deepEqual(leaked.map((p) => p.uri), [], 'no diagnostics show what the secret file holds');
}

async function symbols(client: LspClient, query: string): Promise<string[]> {
  const found = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query })) as SymbolInformation[];
  // Symbols match the query's letters in order, anywhere: the ids that start with it are the ones meant.
  return found.map((s) => s.name.split(' ')[0]).filter((id) => id.startsWith(query)).sort();
}

/** A temporary folder holding a workspace and, beside it, a folder outside it. */
function sandbox(): { ws: string; outside: string; dispose: () => void } {
  const base = mkdtempSync(join(tmpdir(), 'inbound-fs-'));
  const ws = join(base, 'ws');
  const outside = join(base, 'outside');
  mkdirSync(ws);
  mkdirSync(outside);
  return { ws, outside, dispose: () => rmSync(base, { recursive: true, force: true }) };
}

describe('symbolic links: followed inside the folder, never out of it', { skip: !POSIX && 'POSIX only' }, () => {
  let box: ReturnType<typeof sandbox>;
  let client: LspClient;
  before(async () => {
    box = sandbox();
    const { ws, outside } = box;
    writeFileSync(join(outside, 'secret.env'), SECRET);
    writeFileSync(join(outside, 'leak.req.yaml'), requirement('LEAK-1'));
    writeFileSync(join(ws, 'healthy.req.yaml'), HEALTHY);
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'real.yaml'), requirement('ALIAS-1'));
    symlinkSync(join(outside, 'secret.env'), join(ws, 'env.req.yaml'));
    symlinkSync('../outside/leak.req.yaml', join(ws, 'leak.req.yaml'));
    symlinkSync('data/real.yaml', join(ws, 'alias.req.yaml'));
    // A folder linked from outside: not searched.
    mkdirSync(join(outside, 'more'));
    writeFileSync(join(outside, 'more', 'far.req.yaml'), requirement('FAR-1'));
    symlinkSync(join(outside, 'more'), join(ws, 'more'));
    client = await LspClient.start(ws, { debounceMs: 20 });
  });
  after(async () => {
    await client.stop();
    box.dispose();
  });

  it('indexing reads a link to a file inside the folder, and none to a file outside it', async () => {
    const status = await client.notification<Status>('inbound/status', (s) => !s.indexing && s.files > 0, 30_000);
    assert.equal(status.files, 2, 'healthy.req.yaml and alias.req.yaml (a link to data/real.yaml)');
    assert.deepEqual((await client.diagnostics(uri(join(box.ws, 'alias.req.yaml')))).map((d) => d.code), ['no-evidence']);
    assert.deepEqual(await symbols(client, 'LEAK'), []);
    assert.deepEqual(await symbols(client, 'FAR'), []);
    assert.deepEqual(await symbols(client, 'ALIAS'), ['ALIAS-1']);
    assertNoLeak(client);
  });

  it('a link created on disk to a file outside (the watcher reports it) is not read', async () => {
    const { ws, outside } = box;
    symlinkSync(join(outside, 'secret.env'), join(ws, 'created.req.yaml'));
    const links = [uri(join(ws, 'created.req.yaml'))];
    if (process.platform === 'linux') {
      symlinkSync('/proc/self/environ', join(ws, 'environ.req.yaml'));
      links.push(uri(join(ws, 'environ.req.yaml')));
    }
    // A real file in the same batch: once its findings are out, the links have been handled.
    writeFileSync(join(ws, 'later.req.yaml'), requirement('LATER-1'));
    await client.watched([...links, uri(join(ws, 'later.req.yaml'))].map((u) => ({ uri: u, type: FileChangeType.Created })));
    assert.deepEqual((await client.diagnostics(uri(join(ws, 'later.req.yaml')))).map((d) => d.code), ['no-evidence']);
    for (const link of links) {
      const published = client.publications.filter((p) => p.uri === link && p.diagnostics.length > 0);
      assert.deepEqual(published, [], `nothing published for ${link}`);
    }
    assertNoLeak(client);
    const status = await client.notification<Status>('inbound/status', (s) => !s.indexing && s.files === 3);
    assert.equal(status.files, 3);
  });

  it('a link to outside, opened and closed again: the disk is not read through it', async () => {
    const link = uri(join(box.ws, 'env.req.yaml'));
    await client.open(link, HEALTHY.replace('OK-1', 'OPEN-1'));
    await client.diagnostics(link, (_d, p) => p.version === 1);
    const from = client.publications.length;
    await client.close(link);
    const after = await new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no publication after the close')), 15_000);
      const look = () => {
        const p = client.publications.slice(from).find((x) => x.uri === link);
        if (!p) return;
        clearTimeout(timer);
        client.events.off('diagnostics', look);
        resolve(p);
      };
      client.events.on('diagnostics', look);
      look();
    });
    assert.deepEqual(after.diagnostics, [], 'closed: no diagnostics, and nothing read through the link');
    assertNoLeak(client);
  });
});

describe('config globs that try to leave the folder', () => {
  for (const trusted of [true, false]) {
    it(`are refused with a finding on the config, and nothing outside is read${trusted ? '' : ' (Restricted Mode)'}`, async () => {
      const box = sandbox();
      const { ws, outside } = box;
      writeFileSync(join(outside, 'dup.req.yaml'), requirement('OK-1') + '  - id: OUT-1\n    title: Outside\n    status: proposed\n');
      writeFileSync(join(ws, 'healthy.req.yaml'), HEALTHY);
      writeFileSync(
        join(ws, 'inbound.config.yaml'),
        `files:\n  - "**/*.req.yaml"\n  - "../outside/*.req.yaml"\n  - "${outside}/*.req.yaml"\n  - "**/../../outside/*.req.yaml"\n`,
      );
      const client = await LspClient.start(ws, { debounceMs: 20, trusted });
      try {
        const status = await client.notification<Status>('inbound/status', (s) => !s.indexing && s.files > 0, 30_000);
        assert.equal(status.files, 1, 'only healthy.req.yaml');
        assert.deepEqual((await client.diagnostics(uri(join(ws, 'healthy.req.yaml')))).map((d) => d.code), ['no-evidence']);
        assert.deepEqual(await symbols(client, 'OUT'), []);
        const report = (await client.connection.sendRequest(ReportRequest, {})) as { requirements: { file: string }[] };
        assert.deepEqual(
          report.requirements.map((r) => r.file),
          [uri(join(ws, 'healthy.req.yaml'))],
          'the report (and the webview that opens its files) names only files in the folder',
        );
        const config = await client.diagnostics(uri(join(ws, 'inbound.config.yaml')), (d) => d.length > 0);
        assert.equal(config.length, 3, JSON.stringify(config));
        for (const d of config) assert.match(String(d.message), /outside the folder of inbound\.config\.yaml/);
        assert.deepEqual(config.map((d) => d.range.start.line), [2, 3, 4]);
      } finally {
        await client.stop();
        box.dispose();
      }
    });
  }
});

describe('files from disk the server cannot check whole', { skip: process.platform !== 'linux' && 'sparse files: Linux' }, () => {
  let box: ReturnType<typeof sandbox>;
  let client: LspClient;
  before(async () => {
    box = sandbox();
    const { ws } = box;
    writeFileSync(join(ws, 'healthy.req.yaml'), HEALTHY);
    // 1.1 GB that take no disk: more than a string can hold, let alone max-file-kb.
    writeFileSync(join(ws, 'huge.req.yaml'), 'requirements:\n');
    execFileSync('truncate', ['-s', '1100M', join(ws, 'huge.req.yaml')]);
    writeFileSync(join(ws, 'utf16.req.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEALTHY.replace('OK-1', 'WIDE-1'), 'utf16le')]));
    writeFileSync(join(ws, 'latin1.req.yaml'), Buffer.from(HEALTHY.replace('OK-1', 'LAT-1').replace('Healthy', 'Caf\u00e9'), 'latin1'));
    client = await LspClient.start(ws, { debounceMs: 20 });
  });
  after(async () => {
    await client.stop();
    box.dispose();
  });

  it('a 1.1 GB file: one file-too-large finding, from a look at its size and first line', async () => {
    const huge = await client.diagnostics(uri(join(box.ws, 'huge.req.yaml')), (d) => d.length > 0, 30_000);
    assert.deepEqual(
      huge.map((d) => [d.code, d.message, d.range]),
      [
        [
          'file-too-large',
          'This file is 1126400 KB; Inbound checks files up to 4096 KB (max-file-kb in inbound.config.yaml). Split the area into several files, or raise the limit.',
          { start: { line: 0, character: 0 }, end: { line: 0, character: 13 } },
        ],
      ],
    );
    assert.deepEqual((await client.diagnostics(uri(join(box.ws, 'healthy.req.yaml')))).map((d) => d.code), ['no-evidence']);
  });

  it('a UTF-16 file and a Latin-1 file: one finding each that says what to do', async () => {
    const wide = await client.diagnostics(uri(join(box.ws, 'utf16.req.yaml')), (d) => d.length > 0);
    assert.deepEqual(wide.map((d) => d.code), ['yaml-syntax']);
    assert.match(String(wide[0].message), /^This file is UTF-16; requirement files are UTF-8/);
    const latin = await client.diagnostics(uri(join(box.ws, 'latin1.req.yaml')), (d) => d.length > 0);
    assert.deepEqual(latin.map((d) => d.code), ['yaml-syntax']);
    assert.match(String(latin[0].message), /^Line 3 has bytes that are not UTF-8 \(é written as Latin-1\?\)/);
    assert.deepEqual(latin[0].range, { start: { line: 2, character: 14 }, end: { line: 2, character: 15 } });
  });
});

describe('max-file-kb raised after a file was too large', () => {
  it('the file, read only up to its first line before, is read whole and checked', async () => {
    const box = sandbox();
    const { ws } = box;
    writeFileSync(join(ws, 'inbound.config.yaml'), 'max-file-kb: 1\n');
    const item = (i: number) => `  - id: BIG-${i}\n    title: Requirement ${i}\n    status: proposed\n`;
    writeFileSync(join(ws, 'big.req.yaml'), 'requirements:\n' + Array.from({ length: 40 }, (_, i) => item(i + 1)).join(''));
    const client = await LspClient.start(ws, { debounceMs: 20 });
    try {
      const big = uri(join(ws, 'big.req.yaml'));
      assert.deepEqual((await client.diagnostics(big, (d) => d.length > 0)).map((d) => d.code), ['file-too-large']);
      writeFileSync(join(ws, 'inbound.config.yaml'), 'max-file-kb: 64\n');
      await client.watched([{ uri: uri(join(ws, 'inbound.config.yaml')), type: FileChangeType.Changed }]);
      const checked = await client.diagnostics(big, (d) => d.length === 40);
      assert.deepEqual([...new Set(checked.map((d) => d.code))], ['no-evidence']);
    } finally {
      await client.stop();
      box.dispose();
    }
  });
});

describe('editors that do not announce workspace folders', () => {
  /** A plain editor: diagnostics pushed, nothing dynamic, no folders, no progress, no refresh. */
  const PLAIN = { textDocument: { publishDiagnostics: { relatedInformation: true } } };

  for (const rootAs of ['rootUri', 'rootPath'] as const) {
    it(`index the folder named by ${rootAs} alone: unopened files are checked, symbols found`, async () => {
      const ws = copyOf(EXAMPLES);
      const client = await LspClient.start(ws.dir, { capabilities: PLAIN, rootAs, debounceMs: 20 });
      try {
        await client.notification<Status>('inbound/status', (s) => !s.indexing && s.files === 4, 30_000);
        const platform = uri(join(ws.dir, 'platform.req.yaml'));
        assert.deepEqual((await client.diagnostics(platform)).map((d) => d.code), ['single-deal']);
        assert.deepEqual(await symbols(client, 'PLT'), ['PLT-7', 'PLT-8', 'PLT-9']);
        assert.deepEqual(client.serverRequests, [], 'no request the client did not announce (registration, progress, refresh)');
      } finally {
        await client.stop();
        ws.dispose();
      }
    });
  }
});
