/**
 * The .vsix holds only what runs: the bundled extension and server, for Node and for the browser
 * (no source maps), the JSON
 * Schemas, the manifest, the icon, the README and CHANGELOG, the walkthrough's pages and the rule
 * pages a finding's code opens. `vsce ls` lists what `npm run package` would put in it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULE_CODES } from '../../schemas/config';

const REPO = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));

describe('the extension package', () => {
  it('contains exactly the files that run', () => {
    const vsce = join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
    const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n').sort(), [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/extension.js',
      'dist/server.js',
      'dist/web/extension.js',
      'dist/web/server.js',
      'docs/rules/README.md',
      ...RULE_CODES.map((code) => `docs/rules/${code}.md`),
      'images/icon.png',
      'media/walkthrough/add-evidence.md',
      'media/walkthrough/new-requirement.md',
      'media/walkthrough/readiness.md',
      'media/walkthrough/roadmap-gate.md',
      'package.json',
      'schemas/config.schema.json',
      'schemas/requirements.schema.json',
    ].sort());
  });

  it('has an icon: a 256×256 PNG rendered from images/icon.svg', () => {
    assert.equal(pkg.icon, 'images/icon.png');
    const png = readFileSync(join(REPO, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    // The IHDR chunk: width and height, big-endian, right after the signature and the chunk header.
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [256, 256]);
    assert.ok(existsSync(join(REPO, 'images', 'icon.svg')) && existsSync(join(REPO, 'scripts', 'render-icon.mjs')), 'the icon is drawn from its source');
  });

  it("has a listing: categories, keywords, a banner, and links that say they are placeholders", () => {
    assert.deepEqual(pkg.categories, ['Linters', 'Visualization']);
    assert.ok(pkg.keywords.includes('product management') && pkg.keywords.includes('roadmap'), JSON.stringify(pkg.keywords));
    assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
    // No public home yet: example.invalid can never resolve to someone else's site.
    for (const url of [pkg.homepage, pkg.bugs.url, pkg.repository.url]) assert.match(url, /^https:\/\/example\.invalid\//);
    assert.match(readFileSync(join(REPO, 'CHANGELOG.md'), 'utf8'), /^## \[Unreleased\]$[\s\S]*^## \[0\.1\.0\]$/m);
  });

  it('has a walkthrough whose every step has its page, a button that runs a command, and a way to complete', () => {
    const [walkthrough, ...others] = pkg.contributes.walkthroughs;
    assert.equal(others.length, 0);
    const commands = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['newRequirement', 'roadmapGate', 'addEvidence', 'readiness']);
    for (const step of walkthrough.steps as { id: string; description: string; media: { markdown: string }; completionEvents: string[] }[]) {
      assert.ok(existsSync(join(REPO, step.media.markdown)), `${step.id}: ${step.media.markdown}`);
      const button = /\n\[[^\]]+\]\(command:([\w.]+)/.exec(step.description)?.[1];
      assert.ok(button && (commands.has(button) || button.startsWith('workbench.')), `${step.id}: a button that runs a command`);
      assert.ok(step.completionEvents.length > 0 && step.completionEvents.every((e) => /^on(Command|Context):/.test(e)), `${step.id}: completes`);
      for (const e of step.completionEvents) if (e.startsWith('onCommand:')) assert.ok(commands.has(e.slice(10)), `${step.id}: ${e} is a command of the extension`);
    }
  });

  it('declares what VS Code needs to run it, and no newer VS Code than the code-server it is tested in', () => {
    const [major, minor] = /(\d+)\.(\d+)/.exec(pkg.engines.vscode)!.slice(1).map(Number);
    assert.ok(major === 1 && minor <= 100, `engines.vscode ${pkg.engines.vscode}`);
    assert.equal(pkg.main, './dist/extension.js');
    // Started by a requirement file or config, by any YAML file (the language status item says
    // whether it is checked), by New Requirement in a folder with none yet, by the walkthrough, and
    // by a rule page's link.
    assert.deepEqual(pkg.activationEvents, [
      'workspaceContains:**/*.req.yaml',
      'workspaceContains:**/*.req.yml',
      'workspaceContains:**/inbound.config.yaml',
      'onLanguage:yaml',
      'onCommand:inbound.newRequirement',
      `onWalkthrough:${pkg.contributes.walkthroughs[0].id}`,
      'onUri',
    ]);
    const commands = pkg.contributes.commands.map((c: { command: string }) => c.command);
    for (const command of [
      'inbound.exportReport',
      'inbound.newRequirement',
      'inbound.restartServer',
      'inbound.showConcentration',
      'inbound.showGateFixes',
      'inbound.showOutput',
      'inbound.showReadiness',
    ]) {
      assert.ok(commands.includes(command), command);
    }
    for (const command of commands) assert.match(command, /^inbound\.[a-zA-Z]+$/);
    // The walkthrough's helper is not for the palette.
    assert.deepEqual(
      pkg.contributes.menus.commandPalette.filter((m: { command: string }) => m.command === 'inbound.showGateFixes'),
      [{ command: 'inbound.showGateFixes', when: 'false' }],
    );
    for (const [key, setting] of Object.entries(pkg.contributes.configuration.properties) as [string, { markdownDescription?: string }][]) {
      assert.ok(setting.markdownDescription, `${key} explains itself`);
    }
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
  });

  it('runs in VS Code for the Web too: a browser entry, either extension host, git-only commands hidden there', () => {
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.browser, './dist/web/extension.js');
    assert.deepEqual(pkg.extensionKind, ['workspace', 'ui']);
    const compare = pkg.contributes.menus.commandPalette.find((m: { command: string }) => m.command === 'inbound.compareRoadmap');
    // In a browser only where the extension runs on Node (code-server, a codespace), which it says once active.
    assert.match(compare.when, /^\(!isWeb \|\| inbound\.nodeHost\) && /);
  });
});
