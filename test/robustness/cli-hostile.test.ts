/**
 * Hostile files and paths for `inbound check`, through the built binary as a real process: pipes,
 * devices and folders where a file is expected, symbolic link loops and links to nothing, files
 * the kernel refuses to read, invalid UTF-8, a 20 MB file, odd file names. Each run ends within a
 * bound, reports the bad path in one line (exit 2) or as findings, and still checks the other files.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const REPO = join(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const TODAY = ['--today', '2026-11-23'];

/**
 * A run that has not ended after this long is hung. Each run here takes well under a second
 * (the 20 MB file about one); the margin is for a slow CI machine, never a measure of speed.
 */
const HANG_MS = 60_000;

const POSIX = process.platform !== 'win32';

interface Run {
  exit: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  /** Node's own options before the script (e.g. --require a probe). */
  node?: string[];
  env?: Record<string, string>;
  /** Close the reading end of stdout at once, as `inbound check | head` does once head has its lines. */
  closeStdout?: boolean;
}

/** Runs the CLI without blocking the test process, so a hang is a failed test, not a stuck suite. */
function run(args: string[], cwd: string, options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...options.env };
    delete env.FORCE_COLOR;
    delete env.INBOUND_DEBUG;
    const child = spawn(process.execPath, [...(options.node ?? []), CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    if (options.closeStdout) child.stdout.destroy();
    else child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`inbound ${args.join(' ')} did not end within ${HANG_MS} ms (hung); stderr so far: ${stderr}`));
    }, HANG_MS);
    child.on('error', reject);
    child.on('close', (exit) => {
      clearTimeout(timer);
      resolve({ exit, stdout, stderr });
    });
  });
}

interface JsonFile {
  file: string;
  diagnostics: { code: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
}

function json(r: Run): JsonFile[] {
  try {
    return JSON.parse(r.stdout) as JsonFile[];
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.exit}, stderr ${r.stderr}): ${r.stdout.slice(0, 500)}`);
  }
}

/** The healthy file beside every hostile one: its warning proves the rest of the run went on. */
const HEALTHY = 'requirements:\n  - id: OK-1\n    title: Healthy\n    status: proposed\n';

/** A file like ~/.env: YAML keys that a finding ("Unknown key 'SECRET_TOKEN'") would show. */
const SECRET = 'SECRET_TOKEN: hunter2\nAWS_SECRET: also-hunter2\n';

function requirement(id: string): string {
  return `requirements:\n  - id: ${id}\n    title: Requirement ${id}\n    status: proposed\n`;
}

/** Nothing of the secret file in the output, and nothing of the process's environment. */
function assertNothingLeaked(r: Run): void {
  assert.doesNotMatch(r.stdout + r.stderr, /SECRET|hunter2|INBOUND_CANARY/);
}

function assertHealthyChecked(r: Run): void {
  const healthy = json(r).find((f) => f.file.endsWith('healthy.req.yaml'));
  assert.ok(healthy, `healthy.req.yaml is in the output: ${r.stdout.slice(0, 500)}`);
  assert.deepEqual(healthy.diagnostics.map((d) => d.code), ['no-evidence']);
}

/** Exit 2 and exactly one line on stderr naming the path, no stack trace. */
function assertOneLine(r: Run, ...mentions: string[]): void {
  assert.equal(r.exit, 2, `exit code; stderr: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr: ${r.stderr}`);
  assert.match(lines[0], /^inbound: /);
  for (const m of mentions) assert.ok(lines[0].includes(m), `stderr mentions ${m}: ${lines[0]}`);
  assert.doesNotMatch(r.stderr, /\n\s+at |node:internal|internal error/);
}

before(() => {
  if (!existsSync(CLI)) {
    const b = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'inherit' });
    assert.equal(b.status, 0, 'build');
  }
});

describe('hostile files and paths for inbound check', () => {
  let dir = '';
  const path = (...p: string[]) => join(dir, ...p);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'inbound-hostile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A fresh folder with the healthy file in it. */
  function folder(name: string): string {
    const d = path(name);
    mkdirSync(d);
    writeFileSync(join(d, 'healthy.req.yaml'), HEALTHY);
    return d;
  }

  describe('things that are not regular files', { skip: !POSIX && 'POSIX only' }, () => {
    it('a named pipe (FIFO) given by name: one line, not a wait for a writer that never comes', async () => {
      const d = folder('fifo');
      const made = spawnSync('mkfifo', [join(d, 'pipe.req.yaml')]);
      assert.equal(made.status, 0, 'mkfifo');
      const r = await run(['check', 'pipe.req.yaml', 'healthy.req.yaml', '--format', 'json', ...TODAY], d);
      assertOneLine(r, 'cannot read pipe.req.yaml', 'not a regular file');
      assertHealthyChecked(r);
    });

    it('a named pipe inside a folder that is searched: not a requirement file, skipped', async () => {
      const r = await run(['check', '.', '--format', 'json', ...TODAY], path('fifo'));
      assert.equal(r.exit, 0, r.stderr);
      assert.deepEqual(json(r).map((f) => f.file), ['healthy.req.yaml']);
    });

    it('a device that never ends (/dev/zero) given by name: one line, not an endless read', async () => {
      const d = folder('device');
      const r = await run(['check', '/dev/zero', 'healthy.req.yaml', '--format', 'json', ...TODAY], d);
      assertOneLine(r, 'cannot read', 'zero', 'not a regular file');
      assertHealthyChecked(r);
    });

    it('a folder named like a requirement file: searched as the folder it is', async () => {
      const d = folder('folder-named-file');
      mkdirSync(join(d, 'area.req.yaml'));
      writeFileSync(join(d, 'area.req.yaml', 'inner.req.yaml'), 'requirements:\n  - id: IN-1\n    title: Inner\n    status: idea\n');
      const all = await run(['check', '.', '--format', 'json', ...TODAY], d);
      assert.equal(all.exit, 0, all.stderr);
      assert.deepEqual(json(all).map((f) => f.file), ['area.req.yaml/inner.req.yaml', 'healthy.req.yaml']);
      const named = await run(['check', 'area.req.yaml', 'healthy.req.yaml', '--format', 'json', ...TODAY], d);
      assert.equal(named.exit, 0, named.stderr);
      assertHealthyChecked(named);
    });

    it('a folder given as --config (EISDIR): one line', async () => {
      const d = folder('config-folder');
      mkdirSync(join(d, 'conf'));
      const r = await run(['check', '.', '--config', 'conf', ...TODAY], d);
      assertOneLine(r, 'cannot read config conf', 'it is a folder');
    });
  });

  describe('symbolic links', { skip: !POSIX && 'POSIX only' }, () => {
    it('a loop a -> b -> a given by name: one line, the other files still checked', async () => {
      const d = folder('link-loop');
      symlinkSync('b.req.yaml', join(d, 'a.req.yaml'));
      symlinkSync('a.req.yaml', join(d, 'b.req.yaml'));
      const r = await run(['check', 'a.req.yaml', 'healthy.req.yaml', '--format', 'json', ...TODAY], d);
      assertOneLine(r, 'cannot read a.req.yaml', 'symbolic link loop');
      assertHealthyChecked(r);
    });

    it('a link to nothing given by name: one line, the other files still checked', async () => {
      const d = folder('link-dangling');
      symlinkSync('nowhere.req.yaml', join(d, 'dangling.req.yaml'));
      const r = await run(['check', 'dangling.req.yaml', 'healthy.req.yaml', '--format', 'json', ...TODAY], d);
      assertOneLine(r, 'cannot read dangling.req.yaml', 'points to nothing');
      assertHealthyChecked(r);
    });

    it('loops, links to nothing and folder cycles inside a searched folder: links are not followed', async () => {
      const d = folder('link-folder');
      symlinkSync('y.req.yaml', join(d, 'x.req.yaml'));
      symlinkSync('x.req.yaml', join(d, 'y.req.yaml'));
      symlinkSync('nowhere.req.yaml', join(d, 'dangling.req.yaml'));
      mkdirSync(join(d, 'sub'));
      writeFileSync(join(d, 'sub', 'deep.req.yaml'), 'requirements:\n  - id: DEEP-1\n    title: Deep\n    status: idea\n');
      symlinkSync('..', join(d, 'sub', 'up'));
      symlinkSync('../sub', join(d, 'sub', 'self'));
      const r = await run(['check', '.', '--format', 'json', ...TODAY], d);
      assert.equal(r.exit, 0, r.stderr);
      assert.deepEqual(json(r).map((f) => f.file), ['healthy.req.yaml', 'sub/deep.req.yaml']);
      assertHealthyChecked(r);
    });

    it('a link to a file outside the project, named: one line, and nothing of that file is read', async () => {
      const d = folder('link-out-named');
      mkdirSync(path('link-out-named-home'));
      writeFileSync(path('link-out-named-home', '.env'), SECRET);
      symlinkSync(path('link-out-named-home', '.env'), join(d, 'env.req.yaml'));
      const r = await run(['check', 'env.req.yaml', 'healthy.req.yaml', '--format', 'json', ...TODAY], d);
      assertOneLine(r, 'cannot read env.req.yaml', 'outside the project');
      assertHealthyChecked(r);
      assertNothingLeaked(r);
    });

    it('links out of the project in a searched folder are named and not read; a link within it is followed', async () => {
      const d = folder('link-out-search');
      mkdirSync(path('link-out-search-home'));
      writeFileSync(path('link-out-search-home', '.env'), SECRET);
      symlinkSync(path('link-out-search-home', '.env'), join(d, 'env.req.yaml'));
      const out = ['env.req.yaml'];
      if (process.platform === 'linux') {
        symlinkSync('/proc/self/environ', join(d, 'environ.req.yaml'));
        out.push('environ.req.yaml');
      }
      // A folder linked from outside is not searched at all.
      mkdirSync(path('link-out-search-home', 'more'));
      writeFileSync(path('link-out-search-home', 'more', 'far.req.yaml'), requirement('FAR-1'));
      symlinkSync(path('link-out-search-home', 'more'), join(d, 'more'));
      // Within the project a link is followed: a file the globs would not pick, under a requirement file's name.
      mkdirSync(join(d, 'data'));
      writeFileSync(join(d, 'data', 'real.yaml'), requirement('ALIAS-1'));
      symlinkSync('data/real.yaml', join(d, 'alias.req.yaml'));
      const r = await run(['check', '.', '--format', 'json', ...TODAY], d, { env: { INBOUND_CANARY: 'canary' } });
      assert.equal(r.exit, 2, r.stderr);
      const lines = r.stderr.trimEnd().split('\n').sort();
      assert.deepEqual(
        lines.map((l) => l.split(':')[0] + ': ' + l.split(': ')[1]),
        out.sort().map((f) => `inbound: cannot read ${f}`),
        r.stderr,
      );
      for (const l of lines) assert.match(l, /outside the project/);
      assert.deepEqual(json(r).map((f) => f.file), ['alias.req.yaml', 'healthy.req.yaml']);
      assert.deepEqual(json(r)[0].diagnostics.map((x) => x.code), ['no-evidence']);
      assertHealthyChecked(r);
      assertNothingLeaked(r);
    });
  });

  describe('files the kernel will not read', { skip: process.platform !== 'linux' && 'Linux only' }, () => {
    it('a file on /proc that fails every read (EIO): one line, the other files still checked', async () => {
      const d = folder('proc');
      // Named itself: a link to it from the folder would lead out of the project and not be read at all.
      const r = await run(['check', '/proc/self/mem', 'healthy.req.yaml', '--format', 'json', ...TODAY], d);
      assertOneLine(r, 'cannot read', 'proc/self/mem');
      assertHealthyChecked(r);
    });

    it('a /proc file that reads as text of no declared size: checked like any file', async () => {
      const d = folder('proc-status');
      const r = await run(['check', '/proc/self/status', 'healthy.req.yaml', '--format', 'json', ...TODAY], d);
      assert.equal(r.exit, 1, r.stderr);
      const status = json(r).find((f) => f.file.endsWith('proc/self/status'));
      assert.ok(status && status.diagnostics.some((d) => d.code === 'schema'), r.stdout.slice(0, 300));
      assertHealthyChecked(r);
    });
  });

  describe('content from disk', () => {
    it('invalid UTF-8: one finding that names the line, on the bad bytes (one U+FFFD each, columns count them)', async () => {
      const d = folder('invalid-utf8');
      const bytes = Buffer.concat([
        Buffer.from('requirements:\n  - id: '),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
        Buffer.from('X-1\n    title: '),
        Buffer.from([0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80]),
        Buffer.from('\n    status: idea\n'),
      ]);
      writeFileSync(join(d, 'broken.req.yaml'), bytes);
      const r = await run(['check', '.', '--format', 'json', ...TODAY], d);
      assert.equal(r.exit, 1, r.stderr);
      const broken = json(r).find((f) => f.file === 'broken.req.yaml')!;
      assert.deepEqual(broken.diagnostics.map((x) => x.code), ['yaml-syntax'], JSON.stringify(broken.diagnostics));
      assert.match(broken.diagnostics[0].message, /^Line 2 has bytes that are not UTF-8\b.*save the file as UTF-8/);
      // FF, FE and C3 are each one U+FFFD: the finding covers the three, from column 8.
      assert.deepEqual(broken.diagnostics[0].range, { start: { line: 1, character: 8 }, end: { line: 1, character: 11 } });
      assertHealthyChecked(r);
    });

    it('a 1.1 GB file (sparse): one file-too-large finding from its size and first line, quickly and in little memory', { skip: process.platform !== 'linux' && 'truncate: Linux' }, async () => {
      const d = folder('sparse');
      writeFileSync(join(d, 'huge.req.yaml'), 'requirements:\n');
      assert.equal(spawnSync('truncate', ['-s', '1100M', join(d, 'huge.req.yaml')]).status, 0, 'truncate');
      // The process's peak memory, written as it exits.
      const probe = path('rss-probe.cjs');
      writeFileSync(probe, "process.on('exit', () => require('fs').writeFileSync(process.env.RSS_OUT, String(process.resourceUsage().maxRSS)));\n");
      const rss = path('sparse-rss.txt');
      const started = Date.now();
      const r = await run(['check', '.', '--format', 'json', ...TODAY], d, { node: ['--require', probe], env: { RSS_OUT: rss } });
      const ms = Date.now() - started;
      assert.equal(r.exit, 0, r.stderr);
      const huge = json(r).find((f) => f.file === 'huge.req.yaml')!;
      assert.deepEqual(huge.diagnostics.map((x) => [x.code, x.message, x.range]), [
        [
          'file-too-large',
          'This file is 1126400 KB; Inbound checks files up to 4096 KB (max-file-kb in inbound.config.yaml). Split the area into several files, or raise the limit.',
          { start: { line: 0, character: 0 }, end: { line: 0, character: 13 } },
        ],
      ]);
      assertHealthyChecked(r);
      const peakKb = Number(readFileSync(rss, 'utf8'));
      // Reading it whole took 9 s and 1.2 GB, then failed ("Cannot create a string longer than …").
      assert.ok(peakKb < 200_000, `peak memory ${peakKb} KB`);
      assert.ok(ms < 5_000, `${ms} ms`);
      const named = await run(['check', 'huge.req.yaml', '--format', 'json', ...TODAY], d);
      assert.equal(named.exit, 0, named.stderr);
      assert.deepEqual(json(named)[0].diagnostics.map((x) => x.code), ['file-too-large']);
    });

    it('a 1.1 GB config (sparse): one finding from its size and first line, the defaults apply', { skip: process.platform !== 'linux' && 'truncate: Linux' }, async () => {
      const d = folder('sparse-config');
      writeFileSync(join(d, 'inbound.config.yaml'), 'files: ["nothing/*.req.yaml"]\n');
      assert.equal(spawnSync('truncate', ['-s', '1100M', join(d, 'inbound.config.yaml')]).status, 0, 'truncate');
      const r = await run(['check', '.', '--format', 'json', ...TODAY], d);
      assert.equal(r.exit, 1, r.stderr);
      const config = json(r).find((f) => f.file === 'inbound.config.yaml')!;
      assert.deepEqual(config.diagnostics.map((x) => [x.code, x.message, x.range.end]), [
        [
          'schema',
          'This configuration is 1126400 KB; a configuration is a few lines, and Inbound reads one of up to 256 KB. The defaults apply until it is smaller.',
          { line: 0, character: 29 },
        ],
      ]);
      assertHealthyChecked(r);
    });

    it('binary bytes and NUL: findings, not a crash', async () => {
      const d = folder('binary');
      writeFileSync(join(d, 'blob.req.yaml'), Buffer.from(Array.from({ length: 65_536 }, (_, i) => (i * 7919 + (i >> 8)) % 256)));
      writeFileSync(join(d, 'nul.req.yaml'), Buffer.alloc(10_000));
      const r = await run(['check', '.', '--format', 'json', ...TODAY], d);
      assert.ok(r.exit === 0 || r.exit === 1, `exit ${r.exit}: ${r.stderr}`);
      assert.equal(r.stderr, '');
      assert.deepEqual(json(r).map((f) => f.file), ['blob.req.yaml', 'healthy.req.yaml', 'nul.req.yaml']);
      assertHealthyChecked(r);
    });

    it('a 20 MB file: one file-too-large finding, quickly, and the other files checked', async () => {
      const d = folder('huge');
      const item = '  - id: BIG-1\n    title: Big\n    status: idea\n';
      writeFileSync(join(d, 'huge.req.yaml'), 'requirements:\n' + item.repeat(Math.ceil((20 * 1024 * 1024) / item.length)));
      const r = await run(['check', '.', '--format', 'json', ...TODAY], d);
      assert.equal(r.exit, 0, r.stderr);
      const huge = json(r).find((f) => f.file === 'huge.req.yaml')!;
      assert.deepEqual(huge.diagnostics.map((x) => x.code), ['file-too-large']);
      assertHealthyChecked(r);
    });
  });

  describe('hostile config', () => {
    it('a glob whose wildcards backtrack on a long file name: refused, the default globs apply', async () => {
      const d = folder('glob-backtracking');
      writeFileSync(join(d, 'inbound.config.yaml'), `files: ["**/${'*a'.repeat(12)}*c.req.yaml"]\n`);
      writeFileSync(join(d, `${'a'.repeat(200)}b.req.yaml`), HEALTHY.replace('OK-1', 'LONG-1'));
      const r = await run(['check', '.', '--format', 'json', ...TODAY], d);
      assert.equal(r.exit, 1, r.stderr);
      const config = json(r).find((f) => f.file === 'inbound.config.yaml')!;
      assert.ok(config.diagnostics.some((x) => x.message.includes('more than two * wildcards')), JSON.stringify(config.diagnostics));
      assertHealthyChecked(r);
    });

    it('globs that leave the folder (.., an absolute path, **/../..): a finding each, and nothing outside read', async () => {
      const d = folder('glob-outside');
      mkdirSync(path('glob-outside-elsewhere'));
      // The same id as the healthy file: read, it would make both duplicates.
      writeFileSync(path('glob-outside-elsewhere', 'dup.req.yaml'), requirement('OK-1'));
      writeFileSync(
        join(d, 'inbound.config.yaml'),
        `files:\n  - "**/*.req.yaml"\n  - "../glob-outside-elsewhere/*.req.yaml"\n  - "${path('glob-outside-elsewhere')}/*.req.yaml"\n  - "**/../../glob-outside-elsewhere/*.req.yaml"\nignore: ["../**"]\n`,
      );
      const r = await run(['check', '.', '--format', 'json', ...TODAY], d);
      assert.equal(r.exit, 1, r.stderr);
      assert.deepEqual(json(r).map((f) => f.file), ['inbound.config.yaml', 'healthy.req.yaml']);
      const config = json(r)[0].diagnostics;
      assert.deepEqual(config.map((x) => x.range.start.line), [2, 3, 4, 5], JSON.stringify(config));
      for (const x of config) assert.match(x.message, /outside the folder of inbound\.config\.yaml/);
      assertHealthyChecked(r);
    });
  });

  describe('report --out and symbolic links', { skip: !POSIX && 'POSIX only' }, () => {
    it('a link to a file outside: refused in one line, and the file it points to is untouched', async () => {
      const d = folder('out-link');
      writeFileSync(path('out-link-bashrc'), 'precious\n');
      symlinkSync(path('out-link-bashrc'), join(d, 'readiness.html'));
      const r = await run(['report', '.', '--out', 'readiness.html', ...TODAY], d);
      assertOneLine(r, 'cannot write readiness.html', 'symbolic link');
      assert.equal(readFileSync(path('out-link-bashrc'), 'utf8'), 'precious\n');
      assert.ok(lstatSync(join(d, 'readiness.html')).isSymbolicLink(), 'the link is left as it was');
    });

    it('a link to nothing: refused, and nothing is created where it points', async () => {
      const d = folder('out-dangling');
      symlinkSync(path('out-dangling-autostart.desktop'), join(d, 'readiness.md'));
      const r = await run(['report', '.', '--out', 'readiness.md', ...TODAY], d);
      assertOneLine(r, 'cannot write readiness.md', 'symbolic link');
      assert.equal(existsSync(path('out-dangling-autostart.desktop')), false);
      assert.equal(readlinkSync(join(d, 'readiness.md')), path('out-dangling-autostart.desktop'));
    });

    it('a regular file is replaced whole, keeping its permissions', async () => {
      const d = folder('out-regular');
      writeFileSync(join(d, 'readiness.md'), 'old report\n', { mode: 0o640 });
      const r = await run(['report', '.', '--out', 'readiness.md', ...TODAY], d);
      assert.equal(r.exit, 0, r.stderr);
      assert.match(readFileSync(join(d, 'readiness.md'), 'utf8'), /OK-1/);
      assert.equal(lstatSync(join(d, 'readiness.md')).mode & 0o777, 0o640);
    });
  });

  describe('a closed stdout (inbound check | head)', () => {
    /** Enough findings to fill a pipe many times over. */
    function noisy(name: string): string {
      const d = folder(name);
      for (let i = 0; i < 300; i++) writeFileSync(join(d, `area-${i}.req.yaml`), requirement(`A${i}-1`).replace('proposed', 'roadmap'));
      return d;
    }

    it('check: ends quietly with the exit code the check has', async () => {
      const d = noisy('epipe-check');
      const whole = await run(['check', '.', ...TODAY], d);
      assert.equal(whole.exit, 1, whole.stderr);
      assert.ok(whole.stdout.length > 100 * 1024, `${whole.stdout.length} characters`);
      for (const format of ['stylish', 'json', 'github']) {
        const closed = await run(['check', '.', '--format', format, ...TODAY], d, { closeStdout: true });
        assert.equal(closed.stderr, '', format);
        assert.equal(closed.exit, 1, format);
      }
    });

    it('report: ends quietly with exit code 0', async () => {
      const d = noisy('epipe-report');
      const closed = await run(['report', '.', ...TODAY], d, { closeStdout: true });
      assert.equal(closed.stderr, '');
      assert.equal(closed.exit, 0);
    });
  });

  describe('odd paths', { skip: !POSIX && 'POSIX only' }, () => {
    it('a file name with a line break, quotes and a percent sign: valid JSON and one annotation per finding', async () => {
      const d = folder('names');
      writeFileSync(join(d, 'new\nline "50%".req.yaml'), HEALTHY.replace('OK-1', 'ODD-1'));
      const r = await run(['check', '.', '--format', 'json', ...TODAY], d);
      assert.equal(r.exit, 0, r.stderr);
      assert.deepEqual(json(r).map((f) => f.file).sort(), ['healthy.req.yaml', 'new\nline "50%".req.yaml']);
      const gh = await run(['check', '.', '--format', 'github', ...TODAY], d);
      assert.equal(gh.stdout.trimEnd().split('\n').length, 2, gh.stdout);
      assert.ok(gh.stdout.includes('file=new%0Aline "50%25".req.yaml'), gh.stdout);
    });

    it('a file name that starts with a dash, after --', async () => {
      const d = folder('dash');
      writeFileSync(join(d, '-x.req.yaml'), HEALTHY.replace('OK-1', 'DASH-1'));
      const r = await run(['check', '--format', 'json', ...TODAY, '--', '-x.req.yaml', 'healthy.req.yaml'], d);
      assert.equal(r.exit, 0, r.stderr);
      assert.deepEqual(json(r).map((f) => f.file), ['-x.req.yaml', 'healthy.req.yaml']);
    });

    it('paths outside the current folder, through .. and absolute', async () => {
      const d = folder('outside');
      mkdirSync(join(d, 'here'));
      const r = await run(['check', '..', join(d, 'healthy.req.yaml'), '--format', 'json', ...TODAY], join(d, 'here'));
      assert.equal(r.exit, 0, r.stderr);
      assert.deepEqual(json(r).map((f) => f.file), ['../healthy.req.yaml']);
    });
  });
});
