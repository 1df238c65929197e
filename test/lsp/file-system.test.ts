/**
 * Where the server may read, over the real protocol: symbolic links (indexing, a link created on
 * disk and reported by the watcher, a document closed and read again), config globs that try to
 * leave the folder, a file too large to read and files that are not UTF-8, and editors that do not
 * announce workspace folders (or progress, dynamic registration, refresh).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { WorkspaceSymbolRequest } from 'vscode-languageserver-protocol/node';
import type { SymbolInformation } from 'vscode-languageserver-protocol/node';
import { copyOf, LspClient, REPO, uri } from './lsp-client';

const EXAMPLES = join(REPO, 'examples');

type Status = { indexing: boolean; files: number };

async function symbols(client: LspClient, query: string): Promise<string[]> {
  const found = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query })) as SymbolInformation[];
  // Symbols match the query's letters in order, anywhere: the ids that start with it are the ones meant.
  return found.map((s) => s.name.split(' ')[0]).filter((id) => id.startsWith(query)).sort();
}

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
