/**
 * The roadmap diff on fixture folders: each folder under test/fixtures/diff/ holds `base/` and
 * `head/` (the files at the base revision and in the working tree), `case.json`
 * ({ description, exit, args?, cwd? }) and `expected.json`, the exact output of
 * `inbound diff --format json --today 2026-11-23` in a real git repository whose `main` holds base/
 * and whose checked-out branch holds head/ (the base commit's id is written `<base>`).
 *
 * `UPDATE_FIXTURES=1` rewrites expected.json: a draft, to be read against the spec before committing.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { updateMode } from '../update-mode';
import { fixtureCases, runFixture } from './fixture-runner';

const update = updateMode();

describe('roadmap diff fixtures', () => {
  const cases = fixtureCases();
  it('has fixtures to run', () => assert.ok(cases.length >= 12, `only ${cases.length} fixture folders`));
  for (const { name, dir, spec } of cases) {
    it(`${name}: ${spec.description}`, async () => {
      const { exit, stdout, stderr } = await runFixture(dir, spec, ['--format', 'json']);
      assert.deepEqual(stderr, []);
      const actual = JSON.parse(stdout);
      const expectedPath = join(dir, 'expected.json');
      if (update) writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
      assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
      assert.equal(exit, spec.exit, 'exit code');
    });
  }
});
