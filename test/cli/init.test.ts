/**
 * `inbound init`: three files written, none ever overwritten, a second run changes nothing; the
 * config it writes is the defaults and has no findings of its own, and the example requirement file
 * gets exactly the findings its comments promise.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { DEFAULT_POLICY, RULE_CODES } from '../../schemas/config';
import { todayIso } from '../../server/src/engine/clock';
import { readPolicy } from '../../server/src/engine/policy';
import { DEFAULT_SEVERITY } from '../../server/src/engine/rules';
import { runInProcess } from './run-cli';

const TODAY = ['--today', '2026-11-23'];
const FILES = ['inbound.config.yaml', 'requirements/example.req.yaml', '.github/workflows/inbound.yml'];

const made: string[] = [];
function freshFolder(git = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'inbound-init-'));
  made.push(dir);
  if (git) mkdirSync(join(dir, '.git'));
  return dir;
}
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function snapshot(dir: string) {
  return FILES.map((f) => {
    const path = join(dir, f);
    return existsSync(path) ? { f, text: readFileSync(path, 'utf8'), mtime: statSync(path).mtimeMs } : { f };
  });
}

interface JsonFile {
  file: string;
  diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number } }; requirement?: string }[];
}

async function checkJson(dir: string, args: string[] = []) {
  const r = await runInProcess(dir, ['check', '--format', 'json', ...TODAY, ...args]);
  return { exit: r.exit, files: JSON.parse(r.stdout) as JsonFile[], stderr: r.stderr };
}

describe('inbound init', () => {
  it('writes the config, a first requirement file and a workflow, and says so', async () => {
    const dir = freshFolder();
    const r = await runInProcess(dir, ['init', ...TODAY]);
    assert.equal(r.exit, 0, r.stderr.join('\n'));
    assert.deepEqual(r.stderr, []);
    for (const f of FILES) assert.ok(existsSync(join(dir, f)), f);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^Wrote +inbound\.config\.yaml — /);
    assert.match(lines[1], /^Wrote +requirements\/example\.req\.yaml — /);
    assert.match(lines[2], /^Wrote +\.github\/workflows\/inbound\.yml — /);
    // The next step, for a product manager; inbound-cli is not installed here, so npx names the package.
    assert.match(r.stdout, /^Next: open requirements\/example\.req\.yaml in VS Code, or run: npx inbound-cli check$/m);
    assert.ok(lines.length <= 7, r.stdout);
  });

  it('runs a second time without changing anything, and says all was there', async () => {
    const dir = freshFolder();
    assert.equal((await runInProcess(dir, ['init', ...TODAY])).exit, 0);
    const before = snapshot(dir);
    const again = await runInProcess(dir, ['init']);
    assert.equal(again.exit, 0);
    assert.deepEqual(snapshot(dir), before);
    assert.deepEqual(again.stdout.trimEnd().split('\n'), [
      'Left alone  inbound.config.yaml — it is already there',
      'Left alone  requirements/example.req.yaml — it is already there',
      'Left alone  .github/workflows/inbound.yml — it is already there',
      'Everything was already there: nothing changed.',
    ]);
  });

  it('leaves an existing config alone, names it, and writes the rest', async () => {
    const dir = freshFolder();
    const mine = '# our policy\nroadmap:\n  min-market-evidence: 2\n';
    writeFileSync(join(dir, 'inbound.config.yaml'), mine);
    const r = await runInProcess(dir, ['init', ...TODAY]);
    assert.equal(r.exit, 0);
    assert.equal(readFileSync(join(dir, 'inbound.config.yaml'), 'utf8'), mine);
    assert.match(r.stdout, /^Left alone  inbound\.config\.yaml — it is already there$/m);
    assert.match(r.stdout, /^Wrote +requirements\/example\.req\.yaml/m);
    assert.match(r.stdout, /^Wrote +\.github\/workflows\/inbound\.yml/m);
  });

  it('never writes through what is in the way: a folder, a link, a linked folder leading out', async () => {
    const dir = freshFolder();
    const outside = freshFolder(false);
    mkdirSync(join(dir, 'inbound.config.yaml'));
    mkdirSync(join(dir, 'requirements'));
    symlinkSync(join(outside, 'target.yaml'), join(dir, 'requirements', 'example.req.yaml'));
    const r = await runInProcess(dir, ['init', ...TODAY]);
    assert.equal(r.exit, 0, r.stderr.join('\n'));
    assert.match(r.stdout, /^Left alone  inbound\.config\.yaml/m);
    assert.match(r.stdout, /^Left alone  requirements\/example\.req\.yaml/m);
    assert.ok(!existsSync(join(outside, 'target.yaml')), 'nothing written where the link points');

    const other = freshFolder();
    symlinkSync(outside, join(other, '.github'));
    const out = await runInProcess(other, ['init', ...TODAY]);
    assert.equal(out.exit, 2);
    assert.equal(out.stderr.length, 1);
    assert.match(out.stderr[0], /^inbound: .*symbolic link/);
    assert.ok(!existsSync(join(outside, 'workflows')), 'nothing written outside the repository');
  });

  it('answers --help and help init', async () => {
    for (const argv of [['init', '--help'], ['help', 'init'], ['init', '-h']]) {
      const r = await runInProcess(freshFolder(), argv);
      assert.equal(r.exit, 0, argv.join(' '));
      assert.match(r.stdout, /^Usage: inbound init \[folder\]/);
      assert.match(r.stdout, /never overwritten/);
    }
    const usage = await runInProcess(freshFolder(), ['--help']);
    assert.match(usage.stdout, /^ {2}inbound init /m);
    const bad = await runInProcess(freshFolder(), ['init', 'a', 'b']);
    assert.equal(bad.exit, 2);
    const badDate = await runInProcess(freshFolder(), ['init', '--today', '23.11.2026']);
    assert.equal(badDate.exit, 2);
    assert.match(badDate.stderr[0], /--today takes a date/);
  });

  it('writes a config that is the defaults, every setting explained, with no findings of its own', async () => {
    const dir = freshFolder();
    await runInProcess(dir, ['init', ...TODAY]);
    const text = readFileSync(join(dir, 'inbound.config.yaml'), 'utf8');
    const loaded = readPolicy(text);
    assert.deepEqual(loaded.findings, []);
    assert.deepEqual(loaded.policy, { ...DEFAULT_POLICY, rules: DEFAULT_SEVERITY });
    const data = parse(text) as Record<string, unknown>;
    assert.deepEqual(Object.keys(data).sort(), ['files', 'id-pattern', 'ignore', 'max-file-kb', 'roadmap', 'rules', 'stale-after-days']);
    assert.deepEqual(Object.keys(data.rules as object).sort(), [...RULE_CODES].sort());
    // Every setting and every rule has a comment in words.
    const lines = text.split('\n');
    for (const key of Object.keys(data)) {
      const at = lines.findIndex((l) => l.startsWith(`${key}:`));
      assert.match(lines[at - 1], /^# \w/, `a comment above ${key}`);
    }
    for (const line of lines.filter((l) => /^ {2}[a-z-]+: (off|hint|information|warning|error)/.test(l))) {
      assert.match(line, /# \w.{10,}$/, line);
    }
    // inbound check reads it: the config is shown without findings.
    const check = await checkJson(dir, ['inbound.config.yaml']);
    const config = check.files.find((f) => f.file === 'inbound.config.yaml');
    assert.ok(config, JSON.stringify(check.files));
    assert.deepEqual(config.diagnostics, []);
  });

  it('writes an example that gets exactly the findings its comments promise', async () => {
    const dir = freshFolder();
    await runInProcess(dir, ['init', ...TODAY]);
    const text = readFileSync(join(dir, 'requirements', 'example.req.yaml'), 'utf8');
    const lines = text.split('\n');
    // The comment above EX-2: "  #   roadmap-gate (error), on `status`: …"
    const promised = lines
      .map((l) => /^\s*#\s+([a-z-]+) \((error|warning|information|hint)\), on `([a-z-]+)`/.exec(l))
      .filter((m) => m !== null)
      .map((m) => ({ requirement: 'EX-2', code: m[1], severity: m[2], key: m[3] }));
    assert.equal(promised.length, 2, 'the comments name two findings');
    const check = await checkJson(dir);
    assert.equal(check.exit, 1, 'the gate is an error: the check fails');
    const file = check.files.find((f) => f.file === 'requirements/example.req.yaml')!;
    const got = file.diagnostics.map((d) => ({
      requirement: d.requirement,
      code: d.code,
      severity: d.severity,
      key: /^\s*-?\s*([a-z-]+):/.exec(lines[d.range.start.line])?.[1],
    }));
    assert.deepEqual(got, promised);
    // Dated the day of init: nothing stale or in the future, also checked on that day without --today.
    assert.match(text, /date: 2026-11-23/);
    const today = freshFolder();
    await runInProcess(today, ['init']);
    assert.match(readFileSync(join(today, 'requirements', 'example.req.yaml'), 'utf8'), new RegExp(`date: ${todayIso()}`));
    const plain = await runInProcess(today, ['check', '--format', 'json']);
    assert.deepEqual((JSON.parse(plain.stdout) as JsonFile[]).flatMap((f) => f.diagnostics.map((d) => d.code)), ['roadmap-gate', 'single-deal']);
  });

  it('teaches the format: each key of the healthy requirement is explained, and the file explains the flagged one', async () => {
    const dir = freshFolder();
    await runInProcess(dir, ['init', ...TODAY]);
    const text = readFileSync(join(dir, 'requirements', 'example.req.yaml'), 'utf8');
    const ex1 = text.slice(text.indexOf('- id: EX-1'), text.indexOf('# EX-2'));
    for (const line of ex1.split('\n').filter((l) => /^\s+-?\s*[a-z-]+:/.test(l) && !/^\s+date:/.test(l))) {
      assert.match(line, /\s#\s\S/, `explained: ${line}`);
    }
    for (const words of ['waiver', 'validated', 'market evidence', 'What one customer wants is not what every customer wants']) {
      assert.ok(text.includes(words), words);
    }
  });

  it('works outside a git repository: the workflow is just a file there', async () => {
    const dir = freshFolder(false);
    const r = await runInProcess(dir, ['init', ...TODAY]);
    assert.equal(r.exit, 0);
    assert.ok(existsSync(join(dir, '.github', 'workflows', 'inbound.yml')));
    assert.match(r.stdout, /not a git repository/);
  });

  it('puts the workflow at the repository root and makes it check the folder init ran in', async () => {
    const repo = freshFolder();
    const product = join(repo, 'product');
    mkdirSync(product);
    const r = await runInProcess(product, ['init', ...TODAY]);
    assert.equal(r.exit, 0);
    assert.match(r.stdout, /^Wrote +\.\.\/\.github\/workflows\/inbound\.yml/m);
    assert.ok(existsSync(join(product, 'inbound.config.yaml')));
    const workflow = readFileSync(join(repo, '.github', 'workflows', 'inbound.yml'), 'utf8');
    assert.match(workflow, /check product --format github/);
    assert.match(workflow, /report product --format md/);
    // A folder named on the command line works the same.
    const other = freshFolder();
    const named = await runInProcess(other, ['init', 'docs/product requirements', ...TODAY]);
    assert.equal(named.exit, 0);
    assert.match(named.stdout, /^Wrote +docs\/product requirements\/inbound\.config\.yaml/m);
    assert.match(readFileSync(join(other, '.github', 'workflows', 'inbound.yml'), 'utf8'), /check 'docs\/product requirements' --format github/);
  });

  it('leaves the example out where requirement files already exist', async () => {
    const dir = freshFolder();
    mkdirSync(join(dir, 'areas'));
    writeFileSync(join(dir, 'areas', 'checkout.req.yaml'), 'requirements: []\n');
    const r = await runInProcess(dir, ['init', ...TODAY]);
    assert.equal(r.exit, 0);
    assert.ok(!existsSync(join(dir, 'requirements')));
    assert.match(r.stdout, /^Left out +requirements\/example\.req\.yaml — this folder already has requirement files \(areas\/checkout\.req\.yaml\)$/m);
    assert.match(r.stdout, /^Next: run npx inbound-cli check$/m);
  });

  it('names the local command when inbound-cli is a dependency of the repository', async () => {
    const dir = freshFolder();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ devDependencies: { 'inbound-cli': '^0.1.0' } }));
    const r = await runInProcess(dir, ['init', ...TODAY]);
    assert.match(r.stdout, /or run: npx inbound check$/m);
  });

  it('runs as the built binary', () => {
    const dir = freshFolder();
    const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'init', ...TODAY], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Wrote +inbound\.config\.yaml/m);
    const check = spawnSync(process.execPath, [cli, 'check', ...TODAY], { cwd: dir, encoding: 'utf8' });
    assert.equal(check.status, 1);
    assert.match(check.stdout, /roadmap-gate\n.*single-deal\n/);
  });
});
