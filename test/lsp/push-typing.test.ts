/**
 * Push mode (Neovim, Helix): the document being typed in gets its own diagnostics without waiting
 * for the debounce; what the edit changes in other files follows after it. Over the real protocol,
 * with a debounce of seconds: the typed file's findings must come before it has elapsed (they used
 * to come with the rest, when it had), and the other file's after them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { copyOf, LspClient, REPO, uri } from './lsp-client';

const DEBOUNCE_MS = 5000;

describe('push mode: the typed file first, the rest after the debounce', () => {
  let ws: ReturnType<typeof copyOf>;
  let client: LspClient;
  before(async () => {
    ws = copyOf(join(REPO, 'examples'));
    client = await LspClient.start(ws.dir, { debounceMs: DEBOUNCE_MS });
    await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files === 4);
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it("publishes the typed file's findings before the debounce, another file's consequences after it", async () => {
    const checkout = uri(join(ws.dir, 'checkout.req.yaml'));
    const platform = uri(join(ws.dir, 'platform.req.yaml'));
    const text = readFileSync(join(ws.dir, 'checkout.req.yaml'), 'utf8');
    const isDuplicate = (d: Diagnostic[]) => d.some((x) => x.code === 'duplicate-id');
    await client.diagnostics(platform, (d) => !isDuplicate(d));
    await client.open(checkout, text);
    await client.diagnostics(checkout, (_d, p) => p.version === 1);

    // CHK-101 becomes PLT-7, an id platform.req.yaml already has: a duplicate in both files.
    const line = text.split('\n').findIndex((l) => l.includes('id: CHK-101'));
    const at = text.split('\n')[line].indexOf('CHK-101');
    const from = client.publications.length;
    const sent = performance.now();
    const version = await client.change(checkout, [{ range: { start: { line, character: at }, end: { line, character: at + 7 } }, text: 'PLT-7' }]);

    const typed = await client.diagnostics(checkout, (_d, p) => p.version === version);
    const waited = performance.now() - sent;
    assert.ok(waited < DEBOUNCE_MS, `the typed file's diagnostics came ${Math.round(waited)} ms after the edit, not before the ${DEBOUNCE_MS} ms debounce`);
    assert.ok(isDuplicate(typed), 'the typed file shows the duplicate id at once');
    const sinceEdit = () => client.publications.slice(from);
    assert.ok(
      !sinceEdit().some((p) => p.uri === platform),
      'the other file has not been republished when the typed file is: it waits for the debounce',
    );

    await client.diagnostics(platform, (d) => isDuplicate(d), DEBOUNCE_MS * 5);
    const order = sinceEdit().map((p) => (p.uri === checkout ? `checkout v${p.version}` : p.uri === platform ? 'platform' : p.uri));
    assert.deepEqual(order.slice(0, 2), [`checkout v${version}`, 'platform'], order.join(', '));
    await client.close(checkout);
  });
});
