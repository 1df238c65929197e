/**
 * max-file-kb is a size in bytes, as on disk: the CLI measures a file it reads, the editor the text
 * it holds. A file of non-ASCII text under the limit in characters but over it in bytes is too
 * large in both, with the same finding.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Workspace } from '../../server/src/engine';
import { utf8Size } from '../../server/src/engine/analyze';
import { runInProcess } from '../cli/run-cli';

describe('file size in bytes', () => {
  it('counts UTF-8 bytes: ASCII 1, é 2, € 3, an astral character 4', () => {
    assert.equal(utf8Size('aé€😀', 0), 1 + 2 + 3 + 4);
    assert.equal(utf8Size('x'.repeat(10), 100), 10);
  });

  it('the editor and the CLI agree on a file over the limit in bytes but not in characters', async () => {
    // 1 KB limit; 700 characters of é are 1,400 bytes.
    const text = `area: ${'é'.repeat(700)}\nrequirements: []\n`;
    assert.ok(text.length < 1024 && Buffer.byteLength(text) > 1024);
    const ws = new Workspace({ today: '2026-11-23' });
    ws.setConfig('/w/inbound.config.yaml', 'max-file-kb: 1\n');
    ws.setFile('/w/a.req.yaml', text);
    const editor = ws.diagnostics('/w/a.req.yaml').diagnostics.map((d) => `${d.code}: ${d.message}`);
    const dir = mkdtempSync(join(tmpdir(), 'inbound-size-'));
    try {
      writeFileSync(join(dir, 'inbound.config.yaml'), 'max-file-kb: 1\n');
      writeFileSync(join(dir, 'a.req.yaml'), text);
      const { stdout } = await runInProcess(dir, ['check', 'a.req.yaml', '--format', 'json', '--today', '2026-11-23']);
      const cli = (JSON.parse(stdout) as { diagnostics: { code: string; message: string }[] }[]).flatMap((f) => f.diagnostics.map((d) => `${d.code}: ${d.message}`));
      assert.deepEqual(editor, cli);
      assert.equal(editor.length, 1);
      assert.match(editor[0], /^file-too-large: This file is 1 KB/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
