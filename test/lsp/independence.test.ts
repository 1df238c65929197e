/**
 * Independent evidence in the editor: hover says which market evidence is the deal's own customer
 * again, and account completion in a market item offers the requirement's own deal accounts last,
 * saying why, instead of first.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompletionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import type { CompletionItem, CompletionList, Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { copyOf, LspClient, REPO, uri } from './lsp-client';

describe('independent evidence in the editor', () => {
  let ws: ReturnType<typeof copyOf>;
  let client: LspClient;
  let file: string;
  let lines: string[];
  before(async () => {
    ws = copyOf(join(REPO, 'test', 'fixtures', 'independence-editor'));
    client = await LspClient.start(ws.dir, { debounceMs: 0 });
    file = join(ws.dir, 'checkout.req.yaml');
    const text = readFileSync(file, 'utf8');
    lines = text.split('\n');
    await client.open(uri(file), text);
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it('hover on an id says which market evidence is the same voice as its deal', async () => {
    const line = lines.findIndex((l) => l.includes('id: CHK-1'));
    const h = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file) }, position: { line, character: 10 } })) as Hover;
    const value = (h.contents as MarkupContent).value;
    assert.match(value, /Evidence: 1 deal · 0 market · 1 same account as the deal · not roadmap-ready/);
    assert.match(value, /Not independent: an interview with Globex AG, whose deal this is, is the same voice, not the market\./);
  });

  it("account completion in a market item offers the requirement's own deal account last, and says why", async () => {
    const line = lines.findIndex((l, i) => l.trim() === 'account:' && i > lines.findIndex((x) => x.includes('OPP-1')));
    const r = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: uri(file) },
      position: { line, character: lines[line].length },
    })) as CompletionItem[] | CompletionList;
    const items = (Array.isArray(r) ? r : r.items).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    // Initech is used most in the workspace, but it is this requirement's deal: it comes last.
    assert.deepEqual(items.map((i) => i.label), ['Globex AG', 'Hooli', 'Initech']);
    assert.match(items[2].detail ?? '', /this requirement's own deal: market evidence from it is the same voice/);
    assert.match(items[0].detail ?? '', /used 2 times/);
  });
});
