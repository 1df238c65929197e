/**
 * The protocol fuzzer: random editor sessions against the real server over stdio (pushed and pulled
 * diagnostics), compared with `inbound check --format json` after every settle; and the server's
 * resident memory over thousands of edits. See protocol-model.ts (the world and its steps),
 * protocol-text.ts (the edits), protocol-harness.ts (the server, the settle, the comparison) and
 * protocol-shrink.ts (a failing run cut down to the steps that matter).
 *
 * Sizes: INBOUND_FUZZ_PROTOCOL_STEPS sets the commands per mode (300 in `npm test`, which come to
 * about 400 steps in each of push and pull mode; 6,000 in `npm run fuzz`, about 7,000 each, and a
 * failure is shrunk, INBOUND_FUZZ_SHRINK=1), INBOUND_FUZZ_MEMORY_EDITS the edits of the memory check
 * (1,200 in `npm test`, 5,000 in `npm run fuzz`). INBOUND_FUZZ_SEED replays a run.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from '../lsp/lsp-client';
import { SEED } from './arbitraries';
import { fuzz, memoryRun, staleBuild } from './protocol-harness';
import type { Mode, Stats } from './protocol-harness';

/** Commands to run per mode, spread over runs of up to MAX_COMMANDS each. */
const STEPS = positive(process.env.INBOUND_FUZZ_PROTOCOL_STEPS) ?? 300;
const MEMORY_EDITS = positive(process.env.INBOUND_FUZZ_MEMORY_EDITS) ?? 1200;
const SHRINK = process.env.INBOUND_FUZZ_SHRINK === '1';
/** Commands per run, at most; runs average about half of it (a run is a fresh server and folder). */
const MAX_COMMANDS = 60;
const ARTIFACTS = join(REPO, 'test-artifacts');

function positive(s: string | undefined): number | undefined {
  const n = Number(s);
  return s && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function report(mode: Mode, s: Stats): string {
  return (
    `protocol fuzz (${mode}), seed ${SEED}: ${s.runs} runs, ${s.steps} steps (${s.edits} edits, ${s.diskSteps} disk changes, ` +
    `${s.events} watcher notifications, ${s.settles} settles, ${s.comparedFiles} file comparisons) in ${(s.ms / 1000).toFixed(1)} s`
  );
}

describe(`protocol fuzz (seed ${SEED}, ${STEPS} steps per mode)`, () => {
  const stale = staleBuild();
  if (stale) console.log(`protocol fuzz: ${stale}`);
  for (const mode of ['push', 'pull'] as const) {
    it(`protocol fuzz ${mode}: every file's diagnostics agree with inbound check after every settle`, async (t) => {
      const runs = Math.max(1, Math.ceil(STEPS / (MAX_COMMANDS / 2)));
      const stats = await fuzz({ mode, runs, maxCommands: MAX_COMMANDS, shrink: SHRINK, artifacts: ARTIFACTS, steps: STEPS });
      t.diagnostic(report(mode, stats));
      console.log(report(mode, stats));
    });
  }
});

function folder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/**
 * The bound on growth between the first checkpoint and the last. The open documents are set back
 * to their first texts before each checkpoint, so the server holds the same workspace each time;
 * what RSS adds beyond that is V8 keeping heap pages it grew into (its live heap after a full
 * collection stays at 18–19 MB over 12,000 edits, measured with an instrumented server), which
 * moved RSS by up to ±15% between checkpoints (105–157 MB over 5,000 edits, four seeds). A
 * quarter above the first checkpoint is beyond that noise and below any per-edit leak that
 * matters: keeping each edit's text alone would add 40 MB over 4,000 edits of these files, keeping
 * each edit's analysis hundreds. The short run in `npm test` starts closer to the server's warm-up,
 * when the heap still grows into its working size, and only catches gross leaks (a half).
 */
const GROWTH = MEMORY_EDITS >= 5000 ? 1.25 : 1.5;

describe('protocol memory', () => {
  it(`memory: RSS after ${MEMORY_EDITS} typed edits stays within ×${GROWTH} of the RSS after the first ${MEMORY_EDITS / 5}`, async (t) => {
    const every = MEMORY_EDITS / 5;
    const { checkpoints, stats } = await memoryRun({
      edits: MEMORY_EDITS,
      every,
      settleEvery: 100,
      paced: true,
      disk: folder(join(REPO, 'examples')),
      open: ['checkout.req.yaml', 'platform.req.yaml', 'growth/reporting.req.yml'],
      artifacts: ARTIFACTS,
    });
    const mb = (kb: number) => (kb / 1024).toFixed(1);
    const line = `memory, seed ${SEED}: server RSS ${checkpoints.map((c) => `${mb(c.rssKb)} MB after ${c.edits}`).join(', ')} edits (${stats.settles} settles, ${(stats.ms / 1000).toFixed(1)} s)`;
    t.diagnostic(line);
    console.log(line);
    const first = checkpoints[0];
    const last = checkpoints[checkpoints.length - 1];
    assert.ok(last.rssKb <= first.rssKb * GROWTH, `the server's RSS grew from ${mb(first.rssKb)} MB to ${mb(last.rssKb)} MB, more than ×${GROWTH}`);
  });
});
