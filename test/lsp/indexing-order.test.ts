/**
 * Opening a large workspace: the file open in the editor is published first, before the server has
 * read the rest, which follow batch by batch; the findings across files (here a duplicate id) come
 * once every file is read. Over the real protocol, in an editor that does not pull (as Neovim).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient, uri } from './lsp-client';

const FILES = 300;
const OPEN = 150;

/** Every file has findings of its own (a roadmap item with no evidence), so each is published. */
function areaFile(n: number): string {
  const ids = [1, 2, 3].map((k) => `A${n}-${k}`);
  // The last file repeats the open file's first id: a duplicate only the whole workspace shows.
  if (n === FILES - 1) ids[2] = `A${OPEN}-1`;
  return `area: Area ${n}\nrequirements:\n${ids.map((id) => `  - id: ${id}\n    title: Requirement ${id}\n    status: roadmap\n`).join('')}`;
}

describe('indexing a large workspace: the open file first', () => {
  let dir: string;
  let client: LspClient;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'inbound-index-order-'));
    for (let n = 0; n < FILES; n++) writeFileSync(join(dir, `area-${String(n).padStart(3, '0')}.req.yaml`), areaFile(n));
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the open file before the last unopened one, and its cross-file findings once all are read', async () => {
    // A long delay: nothing goes out because a timer fired, only as the indexing reads files.
    client = await LspClient.start(dir, { debounceMs: 60_000 });
    const open = join(dir, `area-${OPEN}.req.yaml`);
    await client.open(uri(open), areaFile(OPEN));
    await client.notification<{ indexing: boolean; files: number }>('inbound/status', (s) => !s.indexing && s.files === FILES);

    const firsts: string[] = [];
    for (const p of client.publications) if (!firsts.includes(p.uri)) firsts.push(p.uri);
    assert.equal(firsts.length, FILES, 'every file published');
    const openAt = firsts.indexOf(uri(open));
    assert.ok(openAt >= 0 && openAt < FILES - 1, `the open file was published ${openAt + 1}th of ${FILES}, not after every unopened one`);
    assert.equal(openAt, 0, 'the open file is the first one published');

    // The rest went out batch by batch as they were read, with their own findings: the last file's
    // first publication has no duplicate id yet, as the copy in the open file was not compared.
    const last = uri(join(dir, `area-${FILES - 1}.req.yaml`));
    const lastOnes = client.publications.filter((p) => p.uri === last);
    assert.ok(!lastOnes[0].diagnostics.some((x) => x.code === 'duplicate-id'), 'published as read, before the cross-file rules saw every file');
    await client.diagnostics(last, (d) => d.some((x) => x.code === 'duplicate-id'));
    const dup = await client.diagnostics(uri(open), (d) => d.some((x) => x.code === 'duplicate-id'));
    assert.equal(dup.filter((x) => x.code === 'duplicate-id').length, 1);
  });
});
