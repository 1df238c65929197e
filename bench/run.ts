/**
 * `npm run bench`: how fast Inbound checks, against the cost of parsing the same YAML and against
 * yaml-language-server, on generated workloads. Prints a Markdown table of medians and ratios and
 * writes it, with the machine it ran on, to bench/results.md.
 *
 *   npm run bench [-- --today YYYY-MM-DD --seed N --reps N --keystrokes N]
 *   INBOUND_BENCH_QUICK=1 npm run bench     a smoke run: one repetition, ten keystrokes
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from '../scripts/bundle-options.mjs';
import { SERVER_NODE_FLAGS } from '../server/src/lsp/protocol';
import { loadWorkspace } from '../server/src/node/load-workspace';
import { applyKeystrokes, planKeystrokes } from './edits';
import type { Keystroke } from './edits';
import { runEditor } from './editor';
import type { EditorResult } from './editor';
import { parseText, readAndParse, requirementFiles } from './floor';
import { measureServer } from './memory';
import type { MemoryRun } from './memory';
import { timeProcess } from './process-timer';
import { mb, median, ms, quantile, ratio } from './stats';
import { DEFAULT_DELAY_MS, freshCache, openWorkspace, pushTyping } from './first-findings';
import type { Opening } from './first-findings';
import { generateWorkloads, generateWorkspace } from './workload';

const REPO = join(__dirname, '..');
const WORK = join(REPO, 'bench', 'work');

const { values: args } = parseArgs({
  options: {
    today: { type: 'string', default: '2026-11-23' },
    seed: { type: 'string', default: '20261123' },
    reps: { type: 'string' },
    keystrokes: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const QUICK = args.quick || process.env.INBOUND_BENCH_QUICK === '1';
const TODAY = args.today!;
const SEED = Number(args.seed);
const REPS = Number(args.reps ?? (QUICK ? 1 : 3));
const KEYSTROKES = Number(args.keystrokes ?? (QUICK ? 10 : 50));
if (!/^\d{4}-\d{2}-\d{2}$/.test(TODAY) || !Number.isInteger(SEED) || !(REPS >= 1) || !(KEYSTROKES >= 1)) {
  console.error('usage: npm run bench [-- --today YYYY-MM-DD --seed N --reps N --keystrokes N --quick]');
  process.exit(2);
}

const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const problems: string[] = [];

async function main(): Promise<void> {
  const loadBefore = loadavg()[0];
  buildDist();

  log('generating workloads');
  const { tenThousand, twoThousand } = generateWorkloads(WORK, { seed: SEED, today: TODAY });
  const bigFile = twoThousand.files[0];
  log(`  ${tenThousand.requirements} requirements in ${tenThousand.files.length} files (${mb(tenThousand.bytes)}); ${twoThousand.requirements} in one file (${mb(twoThousand.bytes)})`);

  const floorScript = join(WORK, 'floor.cjs');
  await build({ ...BUNDLE_OPTIONS, entryPoints: [join(REPO, 'bench', 'floor-process.ts')], outfile: floorScript, absWorkingDir: REPO });

  // ----- cold check and the engine against the floor -------------------------------------------------
  const clean = readAndParse(requirementFiles(tenThousand.dir));
  if (clean.errors) problems.push(`the generated workspace has ${clean.errors} YAML errors; it should have none`);
  // Warm the in-process paths on the smaller workload first, so the first timed repetition is not
  // also the one that compiles the code.
  readAndParse(twoThousand.files);
  loadWorkspace({ paths: [twoThousand.dir], today: TODAY, cwd: REPO });

  // The cache a re-run reads: written by one run first, which must print what a run without it prints.
  const cacheFile = join(WORK, 'check.cache');
  rmSync(cacheFile, { force: true });
  const checkArgs = ['dist/cli.js', 'check', relative(REPO, tenThousand.dir), '--format', 'json', '--today', TODAY];
  const printed = (args: string[]) => spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }).stdout;
  const coldOutput = printed(checkArgs);
  if (printed([...checkArgs, '--cache-location', cacheFile]) !== coldOutput) problems.push('inbound check --cache, writing the cache, printed something else than a run without it');
  if (printed([...checkArgs, '--cache-location', cacheFile]) !== coldOutput) problems.push('inbound check --cache, reading the cache, printed something else than a run without it');

  const kinds = ['floor-process', 'check-process', 'cached-check-process', 'floor-in-process', 'engine-in-process'] as const;
  type Kind = (typeof kinds)[number];
  const samples = Object.fromEntries(kinds.map((k) => [k, { wall: [] as number[], cpu: [] as number[] }])) as Record<Kind, { wall: number[]; cpu: number[] }>;
  let findingMix: Map<string, number> | undefined;
  const dir = relative(REPO, tenThousand.dir);
  const run: Record<Kind, () => { wall: number; cpu: number }> = {
    'floor-process': () => {
      const r = timeProcess([process.execPath, floorScript, dir], REPO);
      if (r.exitCode !== 0) problems.push(`the floor process exited with ${r.exitCode}: ${r.stderr.trim().slice(0, 500)}`);
      return { wall: r.wallMs, cpu: r.cpuMs };
    },
    'check-process': () => {
      const r = timeProcess([process.execPath, 'dist/cli.js', 'check', dir, '--format', 'json', '--today', TODAY], REPO);
      // 1: the workload has errors on purpose; 2 would be a usage or I/O failure.
      if (r.exitCode !== 1) problems.push(`inbound check exited with ${r.exitCode} (expected 1, the workload has errors): ${r.stderr.trim().slice(0, 500)}`);
      return { wall: r.wallMs, cpu: r.cpuMs };
    },
    'cached-check-process': () => {
      const r = timeProcess([process.execPath, ...checkArgs, '--cache-location', cacheFile], REPO);
      if (r.exitCode !== 1) problems.push(`inbound check --cache exited with ${r.exitCode} (expected 1): ${r.stderr.trim().slice(0, 500)}`);
      return { wall: r.wallMs, cpu: r.cpuMs };
    },
    'floor-in-process': () =>
      inProcess(() => {
        readAndParse(requirementFiles(tenThousand.dir));
      }),
    'engine-in-process': () =>
      inProcess(() => {
        const { workspace } = loadWorkspace({ paths: [tenThousand.dir], today: TODAY, cwd: REPO });
        const mix = findingMix ? undefined : new Map<string, number>();
        for (const file of workspace.fileNames()) {
          for (const d of workspace.diagnostics(file).diagnostics) mix?.set(d.code, (mix.get(d.code) ?? 0) + 1);
        }
        findingMix ??= mix;
      }),
  };
  for (let rep = 0; rep < REPS; rep++) {
    // Each repetition starts with a different measurement, so slow minutes spread over all of them.
    const order = kinds.map((_, i) => kinds[(i + rep) % kinds.length]);
    for (const kind of order) {
      gc();
      const s = run[kind]();
      samples[kind].wall.push(s.wall);
      samples[kind].cpu.push(s.cpu);
      log(`  ${kind.padEnd(17)} ${ms(s.wall).padStart(8)}  (cpu ${ms(s.cpu)})   repetition ${rep + 1}/${REPS}`);
    }
  }
  const med = (k: Kind, what: 'wall' | 'cpu' = 'wall') => median(samples[k][what]);

  // ----- one full parse of the large file, the yardstick for a keystroke ------------------------------
  const bigText = readFileSync(bigFile, 'utf8');
  const parses = { wall: [] as number[], cpu: [] as number[] };
  const parseOnce = () => {
    gc();
    const p = inProcess(() => parseText(bigText));
    parses.wall.push(p.wall);
    parses.cpu.push(p.cpu);
    gc();
  };
  parseText(bigText);
  for (let i = 0; i < (QUICK ? 3 : 5); i++) parseOnce();
  log(`full parseDocument of the ${twoThousand.requirements}-requirement file: ${ms(median(parses.wall))} (cpu ${ms(median(parses.cpu))})`);

  // ----- keystrokes in the editor ---------------------------------------------------------------------
  log(`${KEYSTROKES} keystrokes in the large file, Inbound and yaml-language-server in turn`);
  const keystrokes = planKeystrokes(bigText, KEYSTROKES, SEED + 7);
  const editor = await runEditor({
    repo: REPO,
    folder: twoThousand.dir,
    file: bigFile,
    peerFolder: join(WORK, 'peer'),
    today: TODAY,
    keystrokes,
    // The yardstick is measured again among the keystrokes, so it sees the same machine they do.
    between: (k) => {
      if (k % 5 === 0) parseOnce();
    },
    log,
  });
  log(`the same keystrokes, pushed with the default ${DEFAULT_DELAY_MS} ms delay: keystroke → the typed file's findings`);
  const pushed = await pushTyping(REPO, twoThousand.dir, bigFile, TODAY, keystrokes);

  // ----- opening a large workspace --------------------------------------------------------------------
  log('opening the 10,000-requirement workspace with a file open: without the cache, then from it');
  const openFile = tenThousand.files[Math.floor(tenThousand.files.length / 2)];
  const coldOpen = await openWorkspace(REPO, tenThousand.dir, openFile, TODAY, tenThousand.files.length);
  const serverCache = freshCache(join(WORK, 'server-cache'));
  await openWorkspace(REPO, tenThousand.dir, openFile, TODAY, tenThousand.files.length, serverCache);
  const warmOpen = await openWorkspace(REPO, tenThousand.dir, openFile, TODAY, tenThousand.files.length, serverCache);
  log(`  open file ${ms(coldOpen.openFileMs)} of ${ms(coldOpen.indexedMs)}; from the cache ${ms(warmOpen.openFileMs)} of ${ms(warmOpen.indexedMs)}`);

  // ----- the CLI's memory at 100,000 requirements -----------------------------------------------------
  log('CLI peak RSS: 100,000 requirements in 2,000 files, inbound check and the floor');
  const hundred = generateWorkspace(join(WORK, 'hundred-thousand'), { seed: SEED, today: TODAY, files: 2000, requirements: 100_000 });
  const peakOf = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--require', join(REPO, 'bench', 'peak-rss.cjs'), ...args], { cwd: REPO, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    const peak = Number(/peak-rss (\d+)/.exec(r.stderr ?? '')?.[1]);
    if (!peak) problems.push(`no peak RSS from ${args.slice(0, 2).join(' ')}: ${(r.stderr ?? '').slice(0, 300)}`);
    return peak;
  };
  // The peak depends on when V8 happens to collect (one build measured 617 MB to 1,041 MB over three
  // runs): the median of the repetitions, the two taking turns.
  const cliPeaks: number[] = [];
  const floorPeaks: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    cliPeaks.push(peakOf(['dist/cli.js', 'check', relative(REPO, hundred.dir), '--format', 'json', '--today', TODAY]));
    floorPeaks.push(peakOf([floorScript, relative(REPO, hundred.dir)]));
    log(`  inbound check ${mb(cliPeaks[rep])}, floor ${mb(floorPeaks[rep])}   repetition ${rep + 1}/${REPS}`);
  }
  const cliPeak = median(cliPeaks);
  const floorPeak = median(floorPeaks);

  const fullParse = median(parses.wall);
  const fullParseCpu = median(parses.cpu);
  problems.push(...editor.problems);
  problems.push(...compareWithCheck(editor, applyKeystrokes(bigText, keystrokes)));

  // ----- memory ---------------------------------------------------------------------------------------
  log('server memory: an empty folder, then the 10,000-requirement workspace');
  const emptyDir = join(WORK, 'empty');
  rmSync(emptyDir, { recursive: true, force: true });
  mkdirSync(emptyDir, { recursive: true });
  const idle = await measureServer(REPO, emptyDir, TODAY, 0);
  const indexed = await measureServer(REPO, tenThousand.dir, TODAY, tenThousand.files.length);
  if (indexed.requirements !== tenThousand.requirements) {
    // Duplicate ids still count as requirements: the status should count every one.
    problems.push(`the server's status counts ${indexed.requirements} requirements in the workspace; it has ${tenThousand.requirements}`);
  }
  log(`  idle ${mb(idle.peakRss)}, indexed ${mb(indexed.peakRss)} in ${ms(indexed.indexMs)}`);

  // ----- the report -----------------------------------------------------------------------------------
  const report = render({
    tenThousand,
    twoThousand,
    samples,
    med,
    fullParse,
    fullParseCpu,
    fullParseSamples: parses.wall.length,
    keystrokes,
    editor,
    idle,
    indexed,
    pushed: pushed.latencies,
    coldOpen,
    warmOpen,
    cliPeak,
    floorPeak,
    cliPeaks,
    floorPeaks,
    hundredBytes: hundred.bytes,
    findingMix: findingMix ?? new Map(),
    loads: [loadBefore, loadavg()[0]],
    seconds: (performance.now() - started) / 1000,
  });
  const out = join(REPO, 'bench', 'results.md');
  writeFileSync(out, report);
  console.log('\n' + report);
  log(`written to ${relative(REPO, out)}`);
}

function inProcess(work: () => void): { wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  work();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/**
 * The Inbound server's diagnostics after the last keystroke must be exactly what `inbound check`
 * says about the final text: a fast answer that is wrong would not count.
 */
function compareWithCheck(editor: EditorResult, finalText: string): string[] {
  const dir = join(WORK, 'edited');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'inbound.config.yaml'), readFileSync(join(WORK, 'two-thousand', 'inbound.config.yaml')));
  writeFileSync(join(dir, 'marketplace.req.yaml'), finalText);
  const r = spawnSync(process.execPath, ['dist/cli.js', 'check', relative(REPO, dir), '--format', 'json', '--today', TODAY], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  let expected: string[];
  try {
    const files = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; message: string; range: unknown }[] }[];
    expected = files.filter((f) => f.file.endsWith('marketplace.req.yaml')).flatMap((f) => f.diagnostics.map((d) => JSON.stringify([d.code, d.range, d.message])));
  } catch {
    return [`inbound check on the edited file printed no JSON (exit ${r.status}): ${r.stderr.slice(0, 500)}`];
  }
  const got = (editor.inbound.last ?? []).map((d) => JSON.stringify([d.code, d.range, d.message]));
  const missing = difference(expected, got);
  const extra = difference(got, expected);
  if (!missing.length && !extra.length) return [];
  return [
    `Inbound: after the last keystroke the server publishes ${got.length} diagnostics, inbound check on the same text finds ${expected.length}; ` +
      `${missing.length} missing (first: ${missing[0] ?? '—'}), ${extra.length} extra (first: ${extra[0] ?? '—'})`,
  ];
}

function difference(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  return a.filter((x) => {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    return n === 0;
  });
}

/**
 * dist/ is what `inbound check` and the server run from. It is always built afresh, the way the floor
 * is bundled: `npm run package` leaves a minified build there, which would not be the same code.
 */
function buildDist(): void {
  log('building dist/');
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'inherit' });
}

// ----- rendering -------------------------------------------------------------------------------------

interface ReportInput {
  tenThousand: { files: string[]; requirements: number; bytes: number };
  twoThousand: { requirements: number; bytes: number };
  samples: Record<string, { wall: number[]; cpu: number[] }>;
  med: (k: 'floor-process' | 'check-process' | 'cached-check-process' | 'floor-in-process' | 'engine-in-process', what?: 'wall' | 'cpu') => number;
  fullParse: number;
  fullParseCpu: number;
  fullParseSamples: number;
  keystrokes: readonly Keystroke[];
  editor: EditorResult;
  idle: MemoryRun;
  indexed: MemoryRun;
  /** Keystroke → the typed file's publication, pushed with the default delay. */
  pushed: number[];
  coldOpen: Opening;
  warmOpen: Opening;
  cliPeak: number;
  floorPeak: number;
  cliPeaks: number[];
  floorPeaks: number[];
  hundredBytes: number;
  findingMix: Map<string, number>;
  loads: number[];
  seconds: number;
}

/** The fixed delay yaml-language-server waits after a change before it validates (not a setting). */
const PEER_DEBOUNCE_MS = 200;

function render(r: ReportInput): string {
  const met = (ok: boolean) => (ok ? 'yes' : '**no**');
  const floorP = r.med('floor-process');
  const checkP = r.med('check-process');
  const floorI = r.med('floor-in-process');
  const engineI = r.med('engine-in-process');
  const [checkCpu, floorCpu] = [r.med('check-process', 'cpu'), r.med('floor-process', 'cpu')];
  const [inbCpu, peerCpu] = [median(r.editor.inbound.cpu), median(r.editor.peer.cpu)];
  const inb = r.editor.inbound.latencies;
  const peer = r.editor.peer.latencies;
  const [i50, i95] = [quantile(inb, 0.5), quantile(inb, 0.95)];
  const [p50, p95] = [quantile(peer, 0.5), quantile(peer, 0.95)];
  const p95net = p95 - PEER_DEBOUNCE_MS;
  const memRatio = r.indexed.peakRss / r.tenThousand.bytes;
  const [cachedP, cachedCpu] = [r.med('cached-check-process'), r.med('cached-check-process', 'cpu')];
  const [push50, push95] = [quantile(r.pushed, 0.5), quantile(r.pushed, 0.95)];
  const openRatio = (o: Opening) => o.openFileMs / o.indexedMs;
  const n = (x: number) => x.toLocaleString('en-US');
  const rows: string[][] = [
    ['Floor: read + `parseDocument` of the 200 files, in-process', ms(floorI), '', '', '', ''],
    ['Floor as a whole process (`node floor.cjs`, bundled like the CLI)', ms(floorP), '', '', '', ''],
    ['`inbound check` cold, whole process, `--format json` to /dev/null', ms(checkP), `floor process ${ms(floorP)}`, ratio(checkP / floorP), '≤ 1.3×', met(checkP / floorP <= 1.3)],
    ['… the same in CPU time (less sensitive to a busy machine)', ms(checkCpu), `floor process ${ms(floorCpu)}`, ratio(checkCpu / floorCpu), '≤ 1.3×', met(checkCpu / floorCpu <= 1.3)],
    ['`inbound check --cache` re-run over unchanged files, whole process', ms(cachedP), `floor process ${ms(floorP)}`, ratio(cachedP / floorP), '≤ 0.25×', met(cachedP / floorP <= 0.25)],
    ['… the same in CPU time (its output is byte for byte the cold run\'s)', ms(cachedCpu), `floor process ${ms(floorCpu)}`, ratio(cachedCpu / floorCpu), '≤ 0.25×', met(cachedCpu / floorCpu <= 0.25)],
    ['Engine in-process: `loadWorkspace` + diagnostics of every file', ms(engineI), `floor in-process ${ms(floorI)}`, ratio(engineI / floorI), '', ''],
    [`One full \`parseDocument\` of the ${n(r.twoThousand.requirements)}-requirement file (${mb(r.twoThousand.bytes)})`, ms(r.fullParse), '', '', '', ''],
    ['Inbound server: keystroke → diagnostics published, p50', ms(i50), `full parse ${ms(r.fullParse)}`, ratio(i50 / r.fullParse), '', ''],
    ['Inbound server: keystroke → diagnostics published, p95', ms(i95), `full parse ${ms(r.fullParse)}`, ratio(i95 / r.fullParse), '≤ 0.25×', met(i95 / r.fullParse <= 0.25)],
    ['yaml-language-server (JSON Schema): keystroke → published, p50', ms(p50), `full parse ${ms(r.fullParse)}`, ratio(p50 / r.fullParse), '', ''],
    ['yaml-language-server: keystroke → published, p95', ms(p95), `full parse ${ms(r.fullParse)}`, ratio(p95 / r.fullParse), '', ''],
    ['Inbound server CPU per keystroke, median', ms(inbCpu), `full parse, cpu ${ms(r.fullParseCpu)}`, ratio(inbCpu / r.fullParseCpu), '', ''],
    ['yaml-language-server CPU per keystroke, median', ms(peerCpu), `Inbound ${ms(inbCpu)}`, ratio(peerCpu / inbCpu), '', ''],
    ['Inbound p95 against yaml-language-server p95', ms(i95), `peer ${ms(p95)}`, ratio(i95 / p95), '< 1×', met(i95 < p95)],
    [`… against the peer's p95 less its fixed ${PEER_DEBOUNCE_MS} ms delay`, ms(i95), `peer ${ms(p95net)}`, ratio(i95 / p95net), '< 1×', met(i95 < p95net)],
    [`Push client, default ${DEFAULT_DELAY_MS} ms delay: keystroke → the typed file's findings, p50`, ms(push50), `delay ${DEFAULT_DELAY_MS} ms`, ratio(push50 / DEFAULT_DELAY_MS), '', ''],
    ['… p95, against yaml-language-server\'s p95', ms(push95), `peer ${ms(p95)}`, ratio(push95 / p95), '≤ 0.05×', met(push95 / p95 <= 0.05)],
    ['Opening the 10,000-requirement workspace: the open file\'s findings', ms(r.coldOpen.openFileMs), `indexed ${ms(r.coldOpen.indexedMs)}`, ratio(openRatio(r.coldOpen)), '≤ 0.2×', met(openRatio(r.coldOpen) <= 0.2)],
    ['… from the server\'s cache of the last session', ms(r.warmOpen.openFileMs), `indexed ${ms(r.warmOpen.indexedMs)}`, ratio(openRatio(r.warmOpen)), '≤ 0.2×', met(openRatio(r.warmOpen) <= 0.2)],
    ['… indexing from the cache against indexing without it', ms(r.warmOpen.indexedMs), `without ${ms(r.coldOpen.indexedMs)}`, ratio(r.warmOpen.indexedMs / r.coldOpen.indexedMs), '', ''],
    [`\`inbound check\` peak RSS, 100,000 requirements in 2,000 files (${mb(r.hundredBytes)})`, mb(r.cliPeak), `floor process ${mb(r.floorPeak)}`, ratio(r.cliPeak / r.floorPeak), '≤ 3×', met(r.cliPeak / r.floorPeak <= 3)],
    ['Inbound server peak RSS after indexing 10,000 requirements', mb(r.indexed.peakRss), `source ${mb(r.tenThousand.bytes)}`, ratio(memRatio), '< 10×', met(memRatio < 10)],
    ['… its RSS once indexed (the peak also holds uncollected garbage)', mb(r.indexed.rss), `source ${mb(r.tenThousand.bytes)}`, ratio(r.indexed.rss / r.tenThousand.bytes), '', ''],
    ['… above an idle server on an empty folder', mb(r.indexed.peakRss - r.idle.peakRss), `idle ${mb(r.idle.peakRss)}`, ratio((r.indexed.peakRss - r.idle.peakRss) / r.tenThousand.bytes), '', ''],
    ['Inbound server: start to indexed, 10,000 requirements', ms(r.indexed.indexMs), '', '', '', ''],
  ];
  const table = [
    '| measure | median | against | ratio | target | met |',
    '|---|--:|---|--:|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

  const cpu = cpus();
  const git = gitDescription();
  const totalFindings = [...r.findingMix.values()].reduce((s, x) => s + x, 0);
  const mix = [...r.findingMix.entries()].sort((a, b) => b[1] - a[1]).map(([code, count]) => `${code} ${n(count)}`).join(', ');
  const spread = (k: string) => r.samples[k].wall.map((x) => ms(x)).join(', ');
  const lines = [
    '# Inbound benchmark',
    '',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${mb(totalmem())} RAM · Node ${process.version} · ${git}` +
      ` · load average ${r.loads[0].toFixed(1)} at the start, ${r.loads[1].toFixed(1)} at the end · the run took ${r.seconds.toFixed(0)} s` +
      (QUICK ? ' · **quick mode: one repetition, too few samples to trust**' : ''),
    '',
    table,
    '',
    `Medians of ${REPS} repetition${REPS === 1 ? '' : 's'}, interleaved (each repetition starts with a different measurement); keystroke percentiles over ${KEYSTROKES} keystrokes, the two servers taking turns; the full parse is the median of ${r.fullParseSamples}, measured before the keystrokes and every fifth one among them.`,
    '',
    '## Workload',
    '',
    `Generated from seed ${SEED} with \`--today ${TODAY}\` (bench/work/, regenerated on every run): ${n(r.tenThousand.requirements)} requirements in ${r.tenThousand.files.length} files, ${mb(r.tenThousand.bytes)}; one file of ${n(r.twoThousand.requirements)} requirements, ${mb(r.twoThousand.bytes)}.`,
    `Findings in the 10,000-requirement workspace (${n(totalFindings)}): ${mix}.`,
    '',
    'Repetitions (wall): ' + Object.keys(r.samples).map((k) => `${k} ${spread(k)}`).join('; ') + '.',
    `Peak RSS at 100,000 requirements, each repetition: inbound check ${r.cliPeaks.map(mb).join(', ')}; the floor ${r.floorPeaks.map(mb).join(', ')}.`,
    '',
    '## Editor',
    '',
    `Both servers run over stdio and get the same ${KEYSTROKES} single-letter insertions into requirement titles, each an incremental \`didChange\`, timed from sending it to the \`publishDiagnostics\` for it (Inbound: the one carrying that version; yaml-language-server publishes without versions, so its next one). The next keystroke goes out only after both answered.`,
    '',
    `- Inbound: \`node ${SERVER_NODE_FLAGS.join(' ')} dist/server.js --stdio\` (the flags the VS Code extension starts it with), \`initializationOptions: { debounceMs: 0, today: "${TODAY}" }\`, the file opened in a folder of its own. Keystroke latencies: min ${ms(Math.min(...inb))}, max ${ms(Math.max(...inb))}; the slowest: ${slowest(r.editor.inbound, r.keystrokes)}.`,
    `- yaml-language-server ${peerVersion()}: \`node node_modules/yaml-language-server/bin/yaml-language-server --stdio\`, configured through \`workspace/configuration\` (pulled after \`initialized\` and after a \`workspace/didChangeConfiguration\`): \`yaml.validate: true\`, \`yaml.schemas: { "${relativeUri(r.editor.peerCheck.schemaUri)}": ${JSON.stringify(r.editor.peerCheck.fileMatch)} }\`, schema store and Kubernetes catalogue off. ` +
      `Verified before timing: on a deliberately broken copy it reported ${r.editor.peerCheck.brokenMessages.length} schema problems (${r.editor.peerCheck.brokenMessages.slice(0, 3).map((m) => `“${m.split('\n')[0]}”`).join(', ')}); on the large file it reports ${r.editor.peer.initialCount} (Inbound: ${r.editor.inbound.initialSchemaCount} \`schema\` findings there, among ${r.editor.inbound.initialCount} in all). ` +
      `It waits a fixed ${PEER_DEBOUNCE_MS} ms after each change before validating (\`validationDelayMs\` in its settings state, not configurable), which is part of every latency above; the row "less its fixed delay" takes it out. Keystroke latencies: min ${ms(Math.min(...peer))}, max ${ms(Math.max(...peer))}.`,
    '',
    '## Problems',
    '',
    problems.length ? problems.map((p) => `- ${p}`).join('\n') : 'None: every run exited as expected, every keystroke got its diagnostics, and the server\'s last ones match `inbound check` on the edited text.',
    '',
  ];
  return lines.join('\n');
}

/** Where the time went on the worst keystrokes: a pattern in their lines is a lead for a profile. */
function slowest(t: { latencies: number[]; keystrokes: number[] }, keystrokes: readonly Keystroke[]): string {
  return t.latencies
    .map((latency, i) => ({ latency, k: t.keystrokes[i] }))
    .sort((a, b) => b.latency - a.latency)
    .slice(0, 5)
    .map(({ latency, k }) => `#${k} (line ${keystrokes[k - 1].line + 1}) ${ms(latency)}`)
    .join(', ');
}

function relativeUri(uri: string): string {
  const prefix = new URL(`file://${REPO}/`).href;
  return uri.startsWith(prefix) ? `file://…/${uri.slice(prefix.length)}` : uri;
}

function peerVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(REPO, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '';
  }
}

function gitDescription(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server/src', 'schemas'], { cwd: REPO, encoding: 'utf8' }).trim();
    return `commit ${head}${dirty ? ' with uncommitted changes in the engine or server' : ''}`;
  } catch {
    return 'not a git checkout';
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
