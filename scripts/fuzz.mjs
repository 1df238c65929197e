// The long run of the property tests in test/robustness/: the same properties as `npm test`, with
// 100,000 cases each (INBOUND_FUZZ_RUNS) and a fresh seed (INBOUND_FUZZ_SEED to replay one).
// Each property runs in its own process, as many at a time as there are cores, so a crash or an
// exhausted heap in one is reported by name and the others still finish.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';

const runs = process.env.INBOUND_FUZZ_RUNS ?? '100000';
const seed = process.env.INBOUND_FUZZ_SEED ?? String(randomInt(1, 2 ** 31 - 1));

/** [test file, name pattern of one property]. */
const properties = [
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

function runOne([file, pattern]) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-name-pattern=${pattern}`, file],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (b) => (output += b));
    child.stderr.on('data', (b) => (output += b));
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - t0) / 1000).toFixed(0);
      const ok = code === 0;
      console.log(`fuzz: ${ok ? 'pass' : 'FAIL'} ${pattern} (${seconds} s)`);
      if (!ok) console.log(output + (signal ? `\n(killed by ${signal})` : ''));
      resolve(ok);
    });
  });
}

const queue = [...properties];
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
