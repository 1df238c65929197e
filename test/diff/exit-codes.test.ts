/**
 * `--fail-on`: a pull request fails on exactly the change that matters. `blocked` (the default):
 * the change puts on the roadmap a requirement the gate blocks, or newly blocks one already there;
 * `at-risk`: at risk or without evidence as well; `never`: the diff is written and the run passes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureCases, runFixture } from './fixture-runner';

const EXPECTED: Record<string, { blocked: number; 'at-risk': number; never: number }> = {
  // puts a blocked requirement on the roadmap
  'enter-blocked': { blocked: 1, 'at-risk': 1, never: 0 },
  // puts an at-risk requirement on the roadmap (the gate is off)
  'enter-at-risk': { blocked: 0, 'at-risk': 1, never: 0 },
  // puts a ready one there
  'enter-ready': { blocked: 0, 'at-risk': 0, never: 0 },
  // newly blocks what is already there, by a stricter config
  'stricter-config': { blocked: 1, 'at-risk': 1, never: 0 },
  // newly blocks one by a waiver its owner approved
  waivers: { blocked: 1, 'at-risk': 1, never: 0 },
  // at risk, but off the roadmap: not what the gate is about
  'new-warnings': { blocked: 0, 'at-risk': 0, never: 0 },
  // takes requirements off the roadmap
  'leave-roadmap': { blocked: 0, 'at-risk': 0, never: 0 },
};

describe('inbound diff --fail-on', () => {
  const cases = new Map(fixtureCases().map((c) => [c.name, c]));
  for (const [name, levels] of Object.entries(EXPECTED)) {
    it(`${name}: blocked ${levels.blocked}, at-risk ${levels['at-risk']}, never ${levels.never}`, async () => {
      const c = cases.get(name);
      assert.ok(c, name);
      for (const [level, exit] of Object.entries(levels)) {
        const r = await runFixture(c.dir, c.spec, ['--fail-on', level]);
        assert.deepEqual(r.stderr, []);
        assert.equal(r.exit, exit, `--fail-on ${level}`);
        assert.match(r.stdout, /^## Roadmap diff\n/);
      }
    });
  }
});
