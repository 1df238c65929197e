/**
 * One file below the size limit must not take every other file's findings down with it. A 1.2 MB
 * file with a duplicate id and 130,000 `depends-on` entries made `inbound check` end in "Maximum
 * call stack size exceeded" (a list spread into a call's arguments) and the server publish
 * nothing for any file. Now both report all of it, within a heap bound, and the neighbour too.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient, REPO, TODAY, uri } from '../lsp/lsp-client';

const CLI = join(REPO, 'dist', 'cli.js');
const ENTRIES = 130_000;

describe('a depends-on list of 130,000 entries beside an ordinary file', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'inbound-long-'));
    const refs: string[] = [];
    for (let i = 0; i < ENTRIES; i++) refs.push(`      - X-${i}`);
    writeFileSync(join(dir, 'long.req.yaml'), `requirements:\n  - id: A-1\n    title: Depends on everything\n    status: idea\n    depends-on:\n${refs.join('\n')}\n`);
    writeFileSync(join(dir, 'other.req.yaml'), 'requirements:\n  - id: A-1\n    title: The same id\n    status: idea\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const format of ['json', 'stylish'] as const) {
    it(`inbound check --format ${format} reports every finding, in a 512 MB heap`, () => {
      const r = spawnSync(process.execPath, ['--max-old-space-size=512', CLI, 'check', '.', '--format', format, '--today', TODAY], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      assert.equal(r.stderr, '');
      assert.equal(r.status, 1);
      if (format === 'json') {
        const files = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string }[] }[];
        const long = files.find((f) => f.file === 'long.req.yaml')!;
        assert.equal(long.diagnostics.filter((d) => d.code === 'unknown-reference').length, ENTRIES);
        assert.deepEqual(files.find((f) => f.file === 'other.req.yaml')!.diagnostics.map((d) => d.code), ['duplicate-id']);
      } else {
        assert.match(r.stdout, /✖ 130002 problems \(130002 errors, 0 warnings\)/);
      }
    });
  }

  it('the server publishes both files, the long one with every finding', async () => {
    const client = await LspClient.start(dir, { debounceMs: 0 });
    try {
      const other = await client.diagnostics(uri(join(dir, 'other.req.yaml')), (d) => d.length === 1, 60_000);
      assert.equal(other[0].code, 'duplicate-id');
      const long = await client.diagnostics(uri(join(dir, 'long.req.yaml')), (d) => d.length === ENTRIES + 1, 60_000);
      assert.equal(long.filter((d) => d.code === 'unknown-reference').length, ENTRIES);
    } finally {
      await client.stop();
    }
  });
});
