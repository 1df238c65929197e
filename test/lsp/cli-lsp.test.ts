/** `inbound lsp --stdio` is the same server, for editors other than VS Code. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { copyOf, LspClient, REPO, uri } from './lsp-client';

const CLI = join(REPO, 'dist', 'cli.js');

describe('inbound lsp', () => {
  it('--stdio speaks the protocol and checks the workspace', async () => {
    const ws = copyOf(join(REPO, 'examples'));
    const client = await LspClient.start(ws.dir, { command: [process.execPath, CLI, 'lsp', '--stdio'] });
    try {
      assert.equal(client.result.serverInfo?.name, 'inbound');
      const found = await client.diagnostics(uri(join(ws.dir, 'platform.req.yaml')), (d) => d.length > 0);
      assert.deepEqual(found.map((d) => d.code), ['single-deal']);
    } finally {
      await client.stop();
      ws.dispose();
    }
    assert.equal(client.process.exitCode, 0, 'exits cleanly on shutdown and exit');
  });

  it('without --stdio says how to run it, in one line', () => {
    const r = spawnSync(process.execPath, [CLI, 'lsp'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "inbound: inbound lsp speaks the Language Server Protocol over stdio: run 'inbound lsp --stdio'\n");
  });
});
