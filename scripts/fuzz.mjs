// The long run of the property tests in test/robustness/: the same properties as `npm test`, with
// 100,000 cases each (INBOUND_FUZZ_RUNS) and a fresh seed (INBOUND_FUZZ_SEED to replay one).
// Each property runs in its own process, as many at a time as there are cores, so a crash or an
// exhausted heap in one is reported by name and the others still finish.
//
// The protocol fuzzer (test/robustness/protocol-fuzz.test.ts) drives the built server, so the build
// comes first; it runs INBOUND_FUZZ_PROTOCOL_STEPS steps per mode (6,000: 12,000 in all), shrinks a
// failing run to a short step list (written to test-artifacts/), and checks the server's memory
// over INBOUND_FUZZ_MEMORY_EDITS edits (5,000).
import { spawn, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';

const runs = process.env.INBOUND_FUZZ_RUNS ?? '100000';
const seed = process.env.INBOUND_FUZZ_SEED ?? String(randomInt(1, 2 ** 31 - 1));

const protocol = {
  INBOUND_FUZZ_PROTOCOL_STEPS: process.env.INBOUND_FUZZ_PROTOCOL_STEPS ?? '6000',
  INBOUND_FUZZ_MEMORY_EDITS: process.env.INBOUND_FUZZ_MEMORY_EDITS ?? '5000',
  INBOUND_FUZZ_SHRINK: process.env.INBOUND_FUZZ_SHRINK ?? '1',
};

/** [test file, name pattern of one property, extra environment]. */
const properties = [
  // The slow ones first, so that the short ones fill the other core meanwhile.
  ['test/robustness/protocol-fuzz.test.ts', 'protocol fuzz push', protocol],
  ['test/robustness/protocol-fuzz.test.ts', 'protocol fuzz pull', protocol],
  ['test/robustness/protocol-fuzz.test.ts', 'memory', protocol],
  ['test/robustness/properties.test.ts', 'arbitrary text'],
  ['test/robustness/properties.test.ts', 'mutated requirement files'],
  ['test/robustness/properties.test.ts', 'two files mutated'],
  ['test/robustness/properties.test.ts', 'hostile config'],
  ['test/robustness/quick-fix-properties.test.ts', 'every fix applies cleanly'],
  ['test/robustness/quick-fix-properties.test.ts', 'seed files themselves'],
];

console.log(`fuzz: seed ${seed}, ${runs} cases per property (replay: INBOUND_FUZZ_SEED=${seed} INBOUND_FUZZ_RUNS=${runs} npm run fuzz)`);
const started = Date.now();
const env = { ...process.env, INBOUND_FUZZ_SEED: seed, INBOUND_FUZZ_RUNS: runs };

// The protocol fuzzer tests dist/server.js against the sources' `inbound check`: build them alike.
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.log('fuzz: the build failed');
  process.exit(1);
}

function runOne([file, pattern, extra]) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-name-pattern=${pattern}`, file],
      { env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (b) => (output += b));
    child.stderr.on('data', (b) => (output += b));
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - t0) / 1000).toFixed(0);
      const ok = code === 0;
      // The protocol fuzzer's own summary (runs, steps, memory figures).
      const summary = output.split('\n').filter((l) => /^(protocol fuzz \(|memory, seed)/.test(l));
      console.log(`fuzz: ${ok ? 'pass' : 'FAIL'} ${pattern} (${seconds} s)${summary.map((l) => `\n  ${l}`).join('')}`);
      if (!ok) console.log(output + (signal ? `\n(killed by ${signal})` : ''));
      resolve(ok);
    });
  });
}

// `npm run fuzz -- protocol memory` runs only the properties whose name holds one of the words.
const only = process.argv.slice(2);
const queue = properties.filter(([, pattern]) => !only.length || only.some((word) => pattern.includes(word)));
const results = [];
await Promise.all(
  Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
    while (queue.length) results.push(await runOne(queue.shift()));
  }),
);
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const failed = results.filter((ok) => !ok).length;
console.log(`fuzz: ${failed ? `${failed} of ${results.length} properties FAILED` : `all ${results.length} properties passed`} in ${minutes} min, seed ${seed}`);
process.exit(failed ? 1 : 0);
