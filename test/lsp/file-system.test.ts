/**
 * Where the server may read, over the real protocol: symbolic links (indexing, a link created on
 * disk and reported by the watcher, a document closed and read again), config globs that try to
 * leave the folder, a file too large to read and files that are not UTF-8, and editors that do not
 * announce workspace folders (or progress, dynamic registration, refresh).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { WorkspaceSymbolRequest } from 'vscode-languageserver-protocol/node';
import type { SymbolInformation } from 'vscode-languageserver-protocol/node';
import { ReportRequest } from '../../server/src/lsp/protocol';
import { copyOf, LspClient, REPO, uri } from './lsp-client';

const EXAMPLES = join(REPO, 'examples');

type Status = { indexing: boolean; files: number };

const HEALTHY = 'requirements:\n  - id: OK-1\n    title: Healthy\n    status: proposed\n';

function requirement(id: string): string {
  return `requirements:\n  - id: ${id}\n    title: Requirement ${id}\n    status: proposed\n`;
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
