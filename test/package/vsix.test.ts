/**
 * The .vsix holds only what runs: the bundled extension and server, the JSON Schemas, the manifest
 * and the docs. `vsce ls` lists what `npm run package` would put in it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const REPO = join(__dirname, '..', '..');

describe('the extension package', () => {
  it('contains exactly the files that run', () => {
    const vsce = join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
    const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n').sort(), [
      'LICENSE',
      'README.md',
      'dist/extension.js',
      'dist/server.js',
      'package.json',
      'schemas/config.schema.json',
      'schemas/requirements.schema.json',
    ]);
  });

  it('declares what VS Code needs to run it, and no newer VS Code than the code-server it is tested in', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    const [major, minor] = /(\d+)\.(\d+)/.exec(pkg.engines.vscode)!.slice(1).map(Number);
    assert.ok(major === 1 && minor <= 100, `engines.vscode ${pkg.engines.vscode}`);
    assert.equal(pkg.main, './dist/extension.js');
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/*.req.yaml'));
    const commands = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(commands, [
      'inbound.exportReport',
      'inbound.newRequirement',
      'inbound.restartServer',
      'inbound.showConcentration',
      'inbound.showOutput',
      'inbound.showReadiness',
    ]);
    for (const [key, setting] of Object.entries(pkg.contributes.configuration.properties) as [string, { markdownDescription?: string }][]) {
      assert.ok(setting.markdownDescription, `${key} explains itself`);
    }
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
  });
});
