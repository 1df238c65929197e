/**
 * `--cache`: a re-run reads unchanged files' analyses from the cache and prints exactly what a run
 * without it prints. Invalidation by content, config, engine version and date; a cache that is
 * corrupt, cut short or not a cache at all; two processes writing it at once; a location that
 * cannot be written. And a seeded property: random workspaces edited step by step, each state
 * checked and reported cold and warm, byte for byte.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { AnalysisCache, CACHE_FILE_NAME, describeCache } from '../../server/src/node/analysis-cache';
import { loadProjects } from '../../server/src/node/load-projects';
import { toCheckResult } from '../../server/src/cli/check-result';
import { applyMutation, CONFIG_SEEDS, mutation, REQUIREMENT_SEEDS, RUNS, SEED } from '../robustness/arbitraries';
import { runInProcess } from './run-cli';

const REPO = join(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const EXAMPLES = join(REPO, 'examples');

const scratch = mkdtempSync(join(tmpdir(), 'inbound-cache-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

let folders = 0;
/** A copy of examples/ to change at will. */
function copyOfExamples(): string {
  const dir = join(scratch, `ws-${folders++}`);
  cpSync(EXAMPLES, dir, { recursive: true });
  return dir;
}

/** One run's analyses through the cache at `cachePath`, as `check` does it: what was restored and stored, and the findings. */
function load(dir: string, cachePath: string, { today = '2026-11-23', version = 'test-1' } = {}) {
  const cache = AnalysisCache.open(cachePath, version);
  const { projects } = loadProjects({ paths: [dir], today, cwd: dir, store: cache });
  cache.save();
  return { stats: cache.stats, result: JSON.stringify(toCheckResult(projects, dir)) };
}

function cold(dir: string, today = '2026-11-23') {
  const { projects } = loadProjects({ paths: [dir], today, cwd: dir });
  return JSON.stringify(toCheckResult(projects, dir));
}

const FILES_IN_EXAMPLES = 4;

describe('--cache: what invalidates an analysis', () => {
  it('restores every unchanged file, and only those', () => {
    const dir = copyOfExamples();
    const cachePath = join(dir, CACHE_FILE_NAME);
    const first = load(dir, cachePath);
    assert.deepEqual(first.stats, { restored: 0, stored: FILES_IN_EXAMPLES });
    const second = load(dir, cachePath);
    assert.deepEqual(second.stats, { restored: FILES_IN_EXAMPLES, stored: 0 });
    assert.equal(second.result, first.result);
    assert.equal(second.result, cold(dir));

    // Content: a changed file is analysed again, the others are not.
    const file = join(dir, 'checkout.req.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: roadmap', 'status: proposed'));
    const edited = load(dir, cachePath);
    assert.deepEqual(edited.stats, { restored: FILES_IN_EXAMPLES - 1, stored: 1 });
    assert.equal(edited.result, cold(dir));
    assert.notEqual(edited.result, first.result);
  });

  it('analyses everything again under another effective config, not after a comment in it', () => {
    const dir = copyOfExamples();
    const cachePath = join(dir, CACHE_FILE_NAME);
    load(dir, cachePath);
    const config = join(dir, 'inbound.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8') + '# a comment changes no policy\n');
    assert.deepEqual(load(dir, cachePath).stats, { restored: FILES_IN_EXAMPLES, stored: 0 });
    writeFileSync(config, readFileSync(config, 'utf8').replace('min-market-evidence: 1', 'min-market-evidence: 2'));
    const changed = load(dir, cachePath);
    assert.deepEqual(changed.stats, { restored: 0, stored: FILES_IN_EXAMPLES });
    assert.equal(changed.result, cold(dir));
  });

  it('trusts no analysis stored by another engine version', () => {
    const dir = copyOfExamples();
    const cachePath = join(dir, CACHE_FILE_NAME);
    load(dir, cachePath, { version: 'test-1' });
    assert.equal(AnalysisCache.open(cachePath, 'test-1').size, FILES_IN_EXAMPLES);
    assert.equal(AnalysisCache.open(cachePath, 'test-2').size, 0);
    assert.deepEqual(load(dir, cachePath, { version: 'test-2' }).stats, { restored: 0, stored: FILES_IN_EXAMPLES });
    // Rewritten for the new version: the old one's entries are gone.
    assert.equal(AnalysisCache.open(cachePath, 'test-1').size, 0);
  });

  it('runs the date rules again on the day of the run', () => {
    const dir = copyOfExamples();
    const cachePath = join(dir, CACHE_FILE_NAME);
    const today = load(dir, cachePath, { today: '2026-11-23' });
    // A year and a half on, evidence has gone stale; before it was gathered, it is from the future.
    for (const day of ['2028-05-01', '2025-01-01']) {
      const later = load(dir, cachePath, { today: day });
      assert.deepEqual(later.stats, { restored: FILES_IN_EXAMPLES, stored: 0 });
      assert.equal(later.result, cold(dir, day));
      assert.notEqual(later.result, today.result, `the findings on ${day} differ from today's`);
    }
    assert.match(load(dir, cachePath, { today: '2028-05-01' }).result, /stale-evidence/);
    assert.match(load(dir, cachePath, { today: '2025-01-01' }).result, /future-evidence/);
  });
});

describe('--cache: a cache that cannot be trusted', () => {
  const damage: Record<string, (bytes: Buffer) => Buffer | string> = {
    'corrupt (a byte changed)': (b) => {
      const c = Buffer.from(b);
      c[Math.floor(c.length / 2)] ^= 0xff;
      return c;
    },
    'cut short': (b) => b.subarray(0, Math.floor(b.length * 0.6)),
    'cut short by one byte': (b) => b.subarray(0, b.length - 1),
    'empty': () => '',
    'another program’s file': () => '{"version":"7.0.0","results":{}}\n',
    'binary noise': () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
  };
  for (const [name, spoil] of Object.entries(damage)) {
    it(`is ignored and rewritten when ${name}`, async () => {
      const dir = copyOfExamples();
      const cachePath = join(dir, CACHE_FILE_NAME);
      const args = ['check', '.', '--format', 'json', '--today', '2026-11-23'];
      const expected = await runInProcess(dir, args);
      await runInProcess(dir, [...args, '--cache']);
      writeFileSync(cachePath, spoil(readFileSync(cachePath)));
      const spoilt = await runInProcess(dir, [...args, '--cache']);
      assert.deepEqual(spoilt, expected);
      // Rewritten whole: the next run restores every file.
      assert.deepEqual(load(dir, cachePath, { version: '0.0.0-test' }).stats, { restored: FILES_IN_EXAMPLES, stored: 0 });
    });
  }

  it('a location that cannot be written is said on stderr; the output and exit code stand', async () => {
    const dir = copyOfExamples();
    const args = ['check', '.', '--format', 'json', '--today', '2026-11-23'];
    const expected = await runInProcess(dir, args);
    const r = await runInProcess(dir, [...args, '--cache-location', 'no/such/folder/']);
    assert.equal(r.exit, expected.exit);
    assert.equal(r.stdout, expected.stdout);
    assert.deepEqual(r.stderr, ['inbound: cannot write the cache no/such/folder/.inboundcache: no such file (the results are not affected)']);
  });

  it('--cache-location takes a folder or a file; report shares the cache with check', async () => {
    const dir = copyOfExamples();
    mkdirSync(join(dir, 'cache-here'));
    await runInProcess(dir, ['check', '--cache-location', 'cache-here', '--today', '2026-11-23']);
    assert.ok(existsSync(join(dir, 'cache-here', CACHE_FILE_NAME)));
    const expected = await runInProcess(dir, ['report', '--format', 'json', '--today', '2026-11-23']);
    const warm = await runInProcess(dir, ['report', '--format', 'json', '--today', '2026-11-23', '--cache-location', 'cache-here']);
    assert.deepEqual(warm, expected);
    await runInProcess(dir, ['report', '--cache-location', 'cache.bin', '--today', '2026-11-23']);
    assert.equal(AnalysisCache.open(join(dir, 'cache.bin'), '0.0.0-test').size, FILES_IN_EXAMPLES);
  });
});

describe('--cache: two processes at once', () => {
  before(() => {
    if (!existsSync(CLI)) assert.equal(spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'inherit' }).status, 0);
  });

  it('leave a whole cache, whichever writes last, and print what a run without it prints', async () => {
    const a = copyOfExamples();
    const b = copyOfExamples();
    // Different texts, so each process has entries of its own to write.
    writeFileSync(join(b, 'extra.req.yaml'), readFileSync(join(b, 'checkout.req.yaml'), 'utf8').replaceAll('CHK-', 'XTR-'));
    const cachePath = join(scratch, 'shared-cache');
    const run = (cwd: string, cache: boolean) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, 'check', '.', '--format', 'json', '--today', '2026-11-23', ...(cache ? ['--cache-location', cachePath] : [])], { cwd });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const expected = await Promise.all([run(a, false), run(b, false)]);
    for (let round = 0; round < 4; round++) {
      const both = await Promise.all([run(a, true), run(b, true)]);
      assert.deepEqual(both, expected, `round ${round}`);
    }
    // Whole: one of the two runs' entries (or both, when one read the other's), and no temporary file left.
    const entries = describeCache(cachePath)?.files.length ?? 0;
    assert.ok(entries >= FILES_IN_EXAMPLES, `a whole cache, got ${entries} entries`);
    assert.deepEqual(readdirSync(scratch).filter((f) => f.endsWith('.tmp')), []);
  });
});

describe('--cache: warm output is cold output (property)', () => {
  const requirementSeed = fc.constantFrom(...REQUIREMENT_SEEDS.map((_, i) => i));
  const configSeed = fc.option(fc.constantFrom(...CONFIG_SEEDS.map((_, i) => i)), { nil: undefined });
  const step = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), file: fc.nat(), change: mutation }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), file: fc.nat(), seed: requirementSeed }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('config' as const), seed: configSeed }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('today' as const), today: fc.constantFrom('2026-11-23', '2025-06-30', '2028-02-29') }) },
  );
  const scenario = fc.record({
    files: fc.array(requirementSeed, { minLength: 1, maxLength: 4 }),
    config: configSeed,
    steps: fc.array(step, { minLength: 1, maxLength: 4 }),
  });

  it('check (json, stylish) and report (json) print the same with a cache as without, through random edits', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ files, config, steps }) => {
        const dir = join(scratch, `prop-${n++}`);
        mkdirSync(dir);
        const cacheAt = join(scratch, `prop-cache-${n}`);
        const texts = files.map((i) => REQUIREMENT_SEEDS[i].text);
        const write = () => texts.forEach((t, i) => writeFileSync(join(dir, `f${i}.req.yaml`), t));
        const writeConfig = (seed: number | undefined) => {
          if (seed === undefined) rmSync(join(dir, 'inbound.config.yaml'), { force: true });
          else writeFileSync(join(dir, 'inbound.config.yaml'), CONFIG_SEEDS[seed].text);
        };
        write();
        writeConfig(config);
        let today = '2026-11-23';
        const compare = async () => {
          for (const args of [['check', '--format', 'json'], ['check'], ['report', '--format', 'json']]) {
            const argv = [...args, '--today', today];
            const expected = await runInProcess(dir, argv);
            const warm = await runInProcess(dir, [...argv, '--cache-location', cacheAt]);
            assert.deepEqual(warm, expected, `${argv.join(' ')}`);
          }
        };
        await compare();
        for (const s of steps) {
          if (s.kind === 'edit') texts[s.file % texts.length] = applyMutation(texts[s.file % texts.length], s.change);
          else if (s.kind === 'replace') texts[s.file % texts.length] = REQUIREMENT_SEEDS[s.seed].text;
          else if (s.kind === 'config') writeConfig(s.seed);
          else today = s.today;
          write();
          await compare();
        }
        rmSync(dir, { recursive: true, force: true });
      }),
      { seed: SEED, numRuns: Math.max(20, Math.round(RUNS / 10)), endOnFailure: false },
    ).catch((e: Error) => {
      e.message = `Seed ${SEED} (replay: INBOUND_FUZZ_SEED=${SEED} node scripts/test.mjs test/cli/cache.test.ts).\n${e.message}`;
      throw e;
    });
  });
});
