/**
 * The server starts from the cache its editor names (`cacheFile`; VS Code's extension passes one in
 * its storage): the next session reads unchanged files' analyses from it instead of parsing them,
 * and shows exactly the diagnostics a session without it shows. A file opened from the cache is
 * typed in as any other. Over the real protocol.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { describeCache } from '../../server/src/node/analysis-cache';
import { copyOf, LspClient, REPO, uri } from './lsp-client';

const scratch = mkdtempSync(join(tmpdir(), 'inbound-kept-'));
const ws = copyOf(join(REPO, 'examples'));
after(() => {
  rmSync(scratch, { recursive: true, force: true });
  ws.dispose();
});

/** A session until the workspace is read: its diagnostics per file, and what it logged. */
async function session(cacheFile: string | undefined): Promise<{ client: LspClient; shown: Map<string, Diagnostic[]>; logs: string[] }> {
  const client = await LspClient.start(ws.dir, { debounceMs: 0, initializationOptions: cacheFile ? { cacheFile } : {} });
  await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files === 4);
  const shown = new Map([...client.published].map(([u, p]) => [u, p.diagnostics]));
  const logs = client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
  return { client, shown, logs };
}

describe('the server starts from the cache', () => {
  // In a folder that does not exist yet, as the extension's storage on first use.
  const cacheFile = join(scratch, 'storage', 'analyses.cache');

  it('writes the analyses once the workspace is read, and reads them in the next session with the same diagnostics', async () => {
    const cold = await session(undefined);
    await cold.client.stop();

    const first = await session(cacheFile);
    await first.client.stop();
    assert.deepEqual(first.shown, cold.shown);
    assert.deepEqual(describeCache(cacheFile)?.files.sort(), ['checkout.req.yaml', 'growth/onboarding.req.yaml', 'growth/reporting.req.yml', 'platform.req.yaml'].map((f) => join(ws.dir, f)));

    const second = await session(cacheFile);
    await second.client.stop();
    assert.ok(second.logs.includes('Inbound: 4 file analyses read from the cache'), second.logs.join('\n'));
    assert.deepEqual(second.shown, cold.shown);
  });

  it('parses again only the file changed between sessions', async () => {
    const file = join(ws.dir, 'checkout.req.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: roadmap', 'status: validated'));
    const cold = await session(undefined);
    await cold.client.stop();
    const warm = await session(cacheFile);
    try {
      assert.ok(warm.logs.includes('Inbound: 3 file analyses read from the cache'), warm.logs.join('\n'));
      assert.deepEqual(warm.shown, cold.shown);

      // A file whose analysis came from the cache, opened and typed in: right at every keystroke.
      const platform = join(ws.dir, 'platform.req.yaml');
      const text = readFileSync(platform, 'utf8');
      await warm.client.open(uri(platform), text);
      const line = text.split('\n').findIndex((l) => l.includes('title: Dark mode')) + 1;
      const status = text.split('\n')[line];
      const at = status.indexOf(':') + 2;
      const version = await warm.client.change(uri(platform), [{ range: { start: { line, character: at }, end: { line, character: status.length } }, text: 'roadmap' }]);
      const typed = await warm.client.diagnostics(uri(platform), (_d, p) => p.version === version);
      assert.ok(typed.some((d) => d.code === 'roadmap-gate' && d.range.start.line === line), JSON.stringify(typed.map((d) => [d.code, d.range.start.line])));
    } finally {
      await warm.client.stop();
    }
  });

  it('shows a file open as the session starts from the cache, judged by the config, never by the default policy, and types in it', async () => {
    const onboarding = join(ws.dir, 'growth', 'onboarding.req.yaml');
    const fileUri = uri(onboarding);
    const text = readFileSync(onboarding, 'utf8');
    const cold = await session(undefined);
    await cold.client.stop();
    const expected = cold.shown.get(fileUri);
    // The config makes stale-evidence a warning, and this file has some: a publication judged by
    // the default policy, before the config is read, would differ.
    assert.ok(expected?.some((d) => d.code === 'stale-evidence' && d.severity === 2), JSON.stringify(expected));

    for (const cache of [undefined, cacheFile]) {
      // Opened at once, as an editor restores its tabs: before the folder (and its config) is read.
      const client = await LspClient.start(ws.dir, { debounceMs: 0, initializationOptions: cache ? { cacheFile: cache } : {} });
      try {
        await client.open(fileUri, text);
        await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files === 4);
        const mine = client.publications.filter((p) => p.uri === fileUri);
        assert.ok(mine.length > 0, 'published');
        for (const p of mine) assert.deepEqual(p.diagnostics, expected, `cache ${cache ?? 'none'}: version ${p.version}`);
        if (cache) {
          const logs = client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
          assert.ok(logs.includes('Inbound: 4 file analyses read from the cache'), logs.join('\n'));
        }
        // Typed in: the title of ONB-20 changes, the findings follow.
        const line = text.split('\n').findIndex((l) => /^\s+- id: ONB-20\b/.test(l)) + 1;
        const title = text.split('\n')[line];
        assert.match(title, /title:/);
        const version = await client.change(fileUri, [{ range: { start: { line, character: title.length }, end: { line, character: title.length } }, text: ' again' }]);
        const typed = await client.diagnostics(fileUri, (_d, p) => p.version === version);
        assert.deepEqual(typed, expected);
        const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: fileUri } });
        assert.ok(JSON.stringify(symbols).includes(' again'), JSON.stringify(symbols));
      } finally {
        await client.stop();
      }
    }
  });
});
