/**
 * The `inbound-cli` npm package, as a team gets it: `npm run pack:cli` packs it, the tarball holds
 * only the bundle, the schemas, README and LICENSE, and it installs with no dependencies into a
 * fresh git repository outside this one (offline, with an empty npm cache: nothing is fetched),
 * where `npx inbound init`, `check` and `report` run as real processes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';

const REPO = join(__dirname, '..', '..');
const ROOT_PKG = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const TODAY = ['--today', '2026-11-23'];

/** The environment of a shell in a team's repository: none of this project's npm settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k) && !['FORCE_COLOR', 'NO_COLOR', 'INBOUND_DEBUG', 'INIT_CWD'].includes(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

function run(command: string, args: string[], options: SpawnSyncOptions) {
  const started = Date.now();
  // The bundle read back with tar is over spawnSync's default 1 MB of output.
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * 1024 * 1024, ...options });
  if (r.error) throw r.error;
  return { exit: r.status, stdout: String(r.stdout), stderr: String(r.stderr), ms: Date.now() - started };
}

describe('the inbound-cli package', () => {
  let work: string;
  let folder: string;
  let tarball: string;
  let packMs: number;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'inbound-cli-package-'));
    const r = run('npm', ['run', '-s', 'pack:cli', '--', '--out', join(work, 'package')], { cwd: REPO });
    assert.equal(r.exit, 0, r.stdout + r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    folder = lines[lines.length - 1];
    tarball = lines.find((l) => l.startsWith('tarball: '))!.slice('tarball: '.length);
    packMs = r.ms;
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('prints the folder to pack as its last line, and the tarball it packed there', () => {
    assert.equal(folder, join(work, 'package'));
    assert.equal(tarball, join(folder, `inbound-cli-${ROOT_PKG.version}.tgz`));
  });

  it('holds the bundle, the JSON Schemas, README and LICENSE, and nothing else', () => {
    const r = run('tar', ['-tzf', tarball], {});
    assert.equal(r.exit, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n').sort(), [
      'package/LICENSE',
      'package/README.md',
      'package/dist/cli.js',
      'package/package.json',
      'package/schemas/config.schema.json',
      'package/schemas/requirements.schema.json',
    ]);
    // Every schema this repository generates is in it.
    const schemas = readdirSync(join(REPO, 'schemas')).filter((f) => f.endsWith('.schema.json')).sort();
    assert.deepEqual(schemas, ['config.schema.json', 'requirements.schema.json']);
  });

  it('declares no dependencies, the `inbound` bin, Node 20 and the version of this repository', () => {
    const pkg = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json'], {}).stdout);
    assert.equal(pkg.name, 'inbound-cli');
    assert.equal(pkg.version, ROOT_PKG.version);
    for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
      assert.equal(pkg[key], undefined, key);
    }
    assert.deepEqual(pkg.bin, { inbound: 'dist/cli.js' });
    assert.deepEqual(pkg.engines, { node: '>=20' });
    assert.equal(pkg.private, undefined);
    assert.match(pkg.scripts.prepack, /pack-cli\.mjs --bundle$/, 'a production build before every pack');
    assert.equal(pkg.license, ROOT_PKG.license);
  });

  it('ships the CLI minified, without a source map, as a program', () => {
    const cli = run('tar', ['-xzOf', tarball, 'package/dist/cli.js'], {}).stdout;
    assert.ok(cli.startsWith('#!/usr/bin/env node\n'));
    assert.doesNotMatch(cli, /sourceMappingURL/);
    // Minified: the names of its functions are gone (the development build keeps them).
    assert.doesNotMatch(cli, /\bformatStylish\b|\bexampleTemplate\b/);
    assert.match(readFileSync(join(REPO, 'server', 'src', 'cli', 'formats', 'stylish.ts'), 'utf8'), /function\*? formatStylish\b/);
    const readme = run('tar', ['-xzOf', tarball, 'package/README.md'], {}).stdout;
    assert.match(readme, /npx inbound init/);
    assert.doesNotMatch(readme.replace(/npx inbound (init|check)\b/g, ''), /npx inbound [a-z]/, 'every other npx names inbound-cli');
  });

  it('installs offline into a fresh repository and runs init, check and report there', (t) => {
    const repo = join(work, 'product-repo');
    mkdirSync(repo);
    assert.ok(relative(REPO, repo).startsWith('..'), 'outside this project');
    assert.equal(run('git', ['init', '-q'], { cwd: repo }).exit, 0);
    writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'product-repo', private: true }, null, 2) + '\n');
    // An empty npm cache and --offline: the install can only work because nothing needs fetching.
    const env = cleanEnv({ npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false', npm_config_offline: 'true' });
    const npx = (...args: string[]) => run('npx', args, { cwd: repo, env });

    const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--save-dev', tarball], { cwd: repo, env });
    assert.equal(install.exit, 0, install.stdout + install.stderr);
    const modules = readdirSync(join(repo, 'node_modules')).filter((n) => !n.startsWith('.'));
    assert.deepEqual(modules, ['inbound-cli'], 'nothing but inbound-cli is installed');
    assert.ok(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).devDependencies['inbound-cli']);

    const version = npx('inbound', '--version');
    assert.equal(version.exit, 0, version.stderr);
    assert.equal(version.stdout.trim(), ROOT_PKG.version);

    const init = npx('inbound', 'init', ...TODAY);
    assert.equal(init.exit, 0, init.stdout + init.stderr);
    assert.match(init.stdout, /^Wrote +inbound\.config\.yaml /m);
    assert.match(init.stdout, /^Wrote +requirements\/example\.req\.yaml /m);
    assert.match(init.stdout, /^Wrote +\.github\/workflows\/inbound\.yml /m);
    // inbound-cli is installed here, so `npx inbound` is the right next step.
    assert.match(init.stdout, /run: npx inbound check$/m);

    const check = npx('inbound', 'check', ...TODAY);
    assert.equal(check.exit, 1, check.stdout + check.stderr);
    assert.equal(check.stderr, '');
    const findings = check.stdout.split('\n').filter((l) => /^\s+\d+:\d+\s/.test(l));
    assert.equal(findings.length, 2, check.stdout);
    assert.match(findings[0], /^\s+\d+:13\s+error\s+EX-2 is on the roadmap with no market evidence.*\s+roadmap-gate$/);
    assert.match(findings[1], /^\s+\d+:5\s+warning\s+EX-2 rests on one sales deal \(Initech, OPP-1002\).*\s+single-deal$/);
    assert.match(check.stdout, /^requirements\/example\.req\.yaml$/m);
    assert.match(check.stdout, /1 of 2 roadmap items ready/);

    const report = npx('inbound', 'report', '--format', 'md', ...TODAY);
    assert.equal(report.exit, 0, report.stderr);
    assert.match(report.stdout, /^# Roadmap readiness/);
    assert.match(report.stdout, /1 of 2 roadmap items ready/);
    assert.match(report.stdout, /EX-2/);

    // The MCP server is in the bundle too: a client's handshake and one call, answered with the report's numbers.
    const messages = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'inbound_readiness', arguments: { verdict: 'blocked' } } },
    ];
    const mcp = run('npx', ['inbound', 'mcp', ...TODAY], { cwd: repo, env, input: messages.map((m) => JSON.stringify(m) + '\n').join('') });
    assert.equal(mcp.exit, 0, mcp.stderr);
    const answers = mcp.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(answers[0].result.serverInfo.name, 'inbound');
    assert.deepEqual(answers[1].result.structuredContent.requirements.map((r: { id: string }) => r.id), ['EX-2']);
    assert.match(answers[1].result.content[0].text, /^1 of 2 roadmap items ready/);

    // As the workflow init wrote runs it: the package name, pinned to the major version.
    const major = ROOT_PKG.version.split('.')[0];
    assert.match(readFileSync(join(repo, '.github', 'workflows', 'inbound.yml'), 'utf8'), new RegExp(`npx --yes inbound-cli@${major} check`));
    const pinned = npx('--yes', `inbound-cli@${major}`, 'check', '--format', 'github', ...TODAY);
    assert.equal(pinned.exit, 1, pinned.stderr);
    assert.match(pinned.stdout, /^::error file=requirements\/example\.req\.yaml,line=\d+,/m);

    t.diagnostic(
      `pack ${packMs} ms, install ${install.ms} ms, init ${init.ms} ms, check ${check.ms} ms, report ${report.ms} ms; tarball ${(readFileSync(tarball).length / 1024).toFixed(0)} kB`,
    );
  });
});
