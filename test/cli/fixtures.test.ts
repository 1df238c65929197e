/**
 * Every folder under test/fixtures/check/ is one case: requirement files (and maybe a config),
 * `case.json` ({ description, args?, exit, stderr? }) and `expected.json`, the exact `--format json`
 * output of `inbound check . --format json --today 2026-11-23 [args]` run inside that folder.
 *
 * `UPDATE_FIXTURES=1` rewrites expected.json from what the engine prints. A rewritten expectation is
 * only a draft: read every finding against the spec before committing it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess } from './run-cli';
import { updateMode } from '../update-mode';

const ROOT = join(__dirname, '..', 'fixtures', 'check');
const TODAY = '2026-11-23';
const update = updateMode();

interface Case {
  description: string;
  args?: string[];
  exit: number;
  /** Each string must appear in stderr; without it stderr must be empty. */
  stderr?: string[];
}

const cases = readdirSync(ROOT)
  .filter((name) => statSync(join(ROOT, name)).isDirectory())
  .sort();

describe('inbound check fixtures', () => {
  it('has fixtures to run', () => {
    assert.ok(cases.length >= 40, `only ${cases.length} fixture folders`);
  });

  for (const name of cases) {
    const dir = join(ROOT, name);
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
    it(`${name}: ${spec.description}`, async () => {
      const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
      const argv = ['check', '.', '--format', 'json', '--today', TODAY, ...(spec.args ?? [])];
      const { exit, stdout, stderr } = await runInProcess(dir, argv);

      // Whatever the files hold (`__proto__` keys, tags), the process's objects stay untouched.
      assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal((globalThis as Record<string, unknown>).polluted, undefined);

      const expectedPath = join(dir, 'expected.json');
      if (update) writeFileSync(expectedPath, stdout);
      const actual: unknown = stdout ? JSON.parse(stdout) : stdout;
      const expectedText = readFileSync(expectedPath, 'utf8');
      const expected: unknown = expectedText ? JSON.parse(expectedText) : expectedText;
      assert.deepEqual(actual, expected);
      assert.equal(exit, spec.exit, `exit code (stderr: ${stderr.join(' | ')})`);
      if (spec.stderr) {
        for (const s of spec.stderr) assert.ok(stderr.join('\n').includes(s), `stderr should mention ${s}: ${stderr.join('\n')}`);
      } else {
        assert.deepEqual(stderr, []);
      }
    });
  }
});
