/** `inbound report` on the command line: formats, atomic files, and one-line failures with exit 2. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, TODAY } from './helpers';

const REPO = join(__dirname, '..', '..');
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'inbound-report-'));
  cpSync(join(REPO, 'examples'), join(dir, 'examples'), { recursive: true });
  writeFileSync(join(dir, 'examples', 'notes.txt'), 'not a requirement file');
});
after(() => rmSync(dir, { recursive: true, force: true }));

function assertOneLineFailure(r: { exit: number; stderr: string[]; stdout: string }, mentions: string) {
  assert.equal(r.exit, 2);
  assert.equal(r.stderr.length, 1, r.stderr.join('\n'));
  assert.match(r.stderr[0], /^inbound: /);
  assert.ok(r.stderr[0].includes(mentions), `${r.stderr[0]} should mention ${mentions}`);
  assert.equal(r.stdout, '');
}

describe('inbound report', () => {
  it('prints Markdown by default', async () => {
    const r = await runCli(dir, ['report', 'examples', '--today', TODAY]);
    assert.equal(r.exit, 0);
    assert.deepEqual(r.stderr, []);
    assert.match(r.stdout, /^# Roadmap readiness — 23 Nov 2026\n/);
    assert.match(r.stdout, /\*\*2 of 6 roadmap items ready\*\*/);
  });

  it('reports on the current folder when no path is given', async () => {
    const r = await runCli(join(dir, 'examples'), ['report', '--format', 'json', '--today', TODAY]);
    assert.equal(r.exit, 0);
    assert.equal(JSON.parse(r.stdout).headline.requirements, 12);
  });

  it('writes --out atomically, the format taken from its extension', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'neighbour.txt'), 'left alone');
    const target = join(out, 'readiness.html');
    writeFileSync(target, 'the old report');
    const before = statSync(target).ino;
    const r = await runCli(dir, ['report', 'examples', '--out', 'out/readiness.html', '--today', TODAY]);
    assert.equal(r.exit, 0, r.stderr.join('\n'));
    assert.equal(r.stdout, '', 'nothing on stdout when writing a file');
    const html = readFileSync(target, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /Roadmap readiness/);
    // A new file renamed over the old one (not the old one rewritten in place), and no temp file left.
    assert.notEqual(statSync(target).ino, before);
    assert.deepEqual(readdirSync(out).sort(), ['neighbour.txt', 'readiness.html']);
  });

  it('infers md, csv and json from the extension, and lets --format overrule it', async () => {
    for (const [name, starts] of [
      ['r.md', '# Roadmap readiness'],
      ['r.markdown', '# Roadmap readiness'],
      ['r.csv', '\ufefffile,line,id'],
      ['r.JSON', '{'],
    ] as const) {
      const r = await runCli(dir, ['report', 'examples', '--out', name, '--today', TODAY]);
      assert.equal(r.exit, 0, r.stderr.join('\n'));
      assert.ok(readFileSync(join(dir, name), 'utf8').startsWith(starts), name);
    }
    const r = await runCli(dir, ['report', 'examples', '--out', 'forced.md', '--format', 'json', '--today', TODAY]);
    assert.equal(r.exit, 0);
    assert.equal(JSON.parse(readFileSync(join(dir, 'forced.md'), 'utf8')).today, TODAY);
  });

  describe('usage and I/O failures: exit 2 with one line', () => {
    it('an --out whose extension names no format', async () =>
      assertOneLineFailure(await runCli(dir, ['report', 'examples', '--out', 'report.txt']), 'cannot tell the format of report.txt'));
    it('an unknown format', async () => assertOneLineFailure(await runCli(dir, ['report', 'examples', '--format', 'pdf']), "unknown format 'pdf'"));
    it('an --out in a folder that does not exist', async () =>
      assertOneLineFailure(await runCli(dir, ['report', 'examples', '--out', 'no/such/r.html']), 'cannot write no/such/r.html: no such folder'));
    it('an --out that is a folder', async () => assertOneLineFailure(await runCli(dir, ['report', 'examples', '--out', 'examples', '--format', 'md']), 'cannot write examples'));
    it('a date that is not a date', async () => assertOneLineFailure(await runCli(dir, ['report', 'examples', '--today', '2026-02-30']), "'2026-02-30'"));
    it('a missing path', async () => assertOneLineFailure(await runCli(dir, ['report', 'no/such/folder']), 'no/such/folder'));
    it('a missing --config', async () => assertOneLineFailure(await runCli(dir, ['report', 'examples', '--config', 'nope.yaml']), 'cannot read config nope.yaml'));
    it('an unknown option', async () => assertOneLineFailure(await runCli(dir, ['report', '--colour']), '--colour'));
  });

  it('runs as the built binary, as the README shows', () => {
    const cli = join(REPO, 'dist', 'cli.js');
    if (!existsSync(cli)) {
      const b = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'inherit' });
      assert.equal(b.status, 0, 'build');
    }
    const out = join(dir, 'binary.html');
    const r = spawnSync(process.execPath, [cli, 'report', 'examples', '--format', 'html', '--out', out, '--today', TODAY], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(readFileSync(out, 'utf8'), /2<small> of 6<\/small>/);
  });
});
