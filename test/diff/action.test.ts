/**
 * The GitHub Action's roadmap diff step (action.yml), run for real with bash as a runner runs it: in
 * a shallow clone of a pull request's merge commit (what actions/checkout makes), with the event the
 * runner saves, and an `npx` that runs the CLI built here. It fetches the base the clone lacks and
 * writes the diff to the job summary; on any other event it does nothing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { commitAll, git, GIT_ENV, makeRepo, tempDir } from './git-repo';

const REPO = join(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');

interface Step {
  name?: string;
  if?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}

const FILE = `requirements:
  - id: DL-1
    title: Volume discounts for resellers
    status: validated
    evidence:
      - { kind: sales-deal, account: Acme GmbH, deal: OPP-1, date: 2026-10-01 }
      - { kind: sales-deal, account: Globex AG, deal: OPP-2, date: 2026-10-02 }
`;

let work: string;
let bin: string;
before(() => {
  if (!existsSync(CLI)) assert.equal(spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO }).status, 0, 'build');
  work = tempDir('inbound-action-');
  bin = join(work, 'bin');
  mkdirSync(bin);
  // `npx --yes inbound-cli@… args` runs the CLI built here; anything else fails, as the wrong package would.
  writeFileSync(
    join(bin, 'npx'),
    `#!/bin/sh\n[ "$1" = "--yes" ] && shift\ncase "$1" in inbound-cli|inbound-cli@*) shift ;; *) exit 127 ;; esac\nexec "${process.execPath}" "${CLI}" "$@"\n`,
  );
  chmodSync(join(bin, 'npx'), 0o755);
});
after(() => rmSync(work, { recursive: true, force: true }));

function diffStep(): Step {
  const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as { runs: { steps: Step[] } };
  const step = action.runs.steps.find((s) => / diff --base /.test(s.run ?? ''));
  assert.ok(step, 'a roadmap diff step');
  return step;
}

function runStep(step: Step, cwd: string, env: Record<string, string>) {
  const script = join(work, `step-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(script, step.run!);
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: `${bin}:${process.env.PATH}`, HOME: process.env.HOME, GIT_CONFIG_GLOBAL: GIT_ENV.GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM: '1', ...env },
  });
  return { exit: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A pull request as a runner sees it: the merge commit, cloned one commit deep; its base's id. */
function pullRequest(): { clone: string; base: string } {
  const origin = join(work, `origin-${Math.random().toString(36).slice(2)}`);
  mkdirSync(origin);
  makeRepo(origin);
  writeFileSync(join(origin, 'deals.req.yaml'), FILE);
  const base = commitAll(origin, 'base');
  git(origin, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(origin, 'deals.req.yaml'), FILE.replace('status: validated', 'status: roadmap'));
  commitAll(origin, 'promote');
  git(origin, 'checkout', '-q', 'main');
  git(origin, 'checkout', '-q', '-b', 'pull/1/merge');
  git(origin, 'merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature');
  const clone = join(work, `clone-${Math.random().toString(36).slice(2)}`);
  mkdirSync(clone);
  git(clone, 'clone', '-q', '--depth', '1', '--branch', 'pull/1/merge', `file://${origin}`, '.');
  return { clone, base };
}

describe('the Action: the roadmap diff on a pull request', () => {
  it('runs after the check, reads paths and version from the inputs, and keeps inputs out of the script', () => {
    const step = diffStep();
    assert.equal(step.shell, 'bash');
    assert.match(step.if!, /steps\.check\.outcome == 'success'/);
    assert.doesNotMatch(step.run!, /\$\{\{/);
    assert.deepEqual(step.env, { INBOUND_VERSION: '${{ inputs.version }}', INBOUND_PATHS: '${{ inputs.paths }}' });
  });

  it('fetches the base a shallow checkout lacks and writes the diff to the job summary', () => {
    const { clone, base } = pullRequest();
    assert.equal(git(clone, 'rev-parse', '--is-shallow-repository'), 'true');
    assert.notEqual(spawnSync('git', ['cat-file', '-e', `${base}^{commit}`], { cwd: clone }).status, 0, 'the clone lacks the base');
    const event = join(work, `event-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(event, JSON.stringify({ pull_request: { number: 1, base: { sha: base, ref: 'main' } } }));
    const summary = join(work, `summary-${Math.random().toString(36).slice(2)}.md`);
    const r = runStep(diffStep(), clone, {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_STEP_SUMMARY: summary,
      INBOUND_VERSION: '0',
      INBOUND_PATHS: '.',
    });
    assert.equal(r.exit, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /::warning/);
    const text = readFileSync(summary, 'utf8');
    assert.match(text, /^## Roadmap diff\n\nThis change puts 1 requirement on the roadmap; 1 is blocked by the gate \(DL-1: 2 deals, no market evidence\)\.\n/);
  });

  it('does nothing on a push', () => {
    const { clone } = pullRequest();
    const summary = join(work, 'push-summary.md');
    const r = runStep(diffStep(), clone, { GITHUB_EVENT_NAME: 'push', GITHUB_STEP_SUMMARY: summary, INBOUND_VERSION: '0', INBOUND_PATHS: '.' });
    assert.equal(r.exit, 0);
    assert.equal(existsSync(summary), false);
  });
});
