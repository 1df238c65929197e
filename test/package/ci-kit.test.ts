/**
 * The CI kit: the workflow `inbound init` writes, the composite Action (action.yml) and the
 * pre-commit hook. Each is parsed and held to the keys its runner needs, every `npx` in them names
 * the `inbound-cli` package (`npx inbound` would fetch an unrelated package), and their shell steps
 * run for real with bash, with an `npx` on the PATH that stands in for the registry and runs the
 * CLI built here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { workflowTemplate } from '../../server/src/cli/init-templates';
import { runInProcess } from '../cli/run-cli';

const REPO = join(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const VERSION: string = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version;
const MAJOR = VERSION.split('.')[0];
const TODAY = '2026-11-23';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

/** Every `npx …` command in a text, with its flags, and the package it runs. */
function npxPackages(text: string): string[] {
  return [...text.matchAll(/\bnpx((?:\s+--?[a-z-]+)*)\s+("?)([^\s"]+)/g)].map((m) => m[3]);
}

let work: string;
let bin: string;
before(() => {
  if (!existsSync(CLI)) assert.equal(spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO }).status, 0, 'build');
  work = mkdtempSync(join(tmpdir(), 'inbound-ci-kit-'));
  // `npx [--yes] inbound-cli[@version] args…` runs the CLI built here with the same args, and
  // notes the call; anything else fails, as the wrong package would.
  bin = join(work, 'bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'npx'),
    `#!/bin/sh
printf '%s\\n' "$*" >> "$NPX_LOG"
[ "$1" = "--yes" ] && shift
case "$1" in
  inbound-cli|inbound-cli@*) shift ;;
  *) echo "npx stand-in: $1 is not inbound-cli" >&2; exit 127 ;;
esac
exec "${process.execPath}" "${CLI}" "$@"
`,
  );
  chmodSync(join(bin, 'npx'), 0o755);
});
after(() => rmSync(work, { recursive: true, force: true }));

/** A fresh repository with the files `inbound init` writes. */
async function initRepo(name: string): Promise<string> {
  const dir = join(work, name);
  mkdirSync(join(dir, '.git'), { recursive: true });
  const r = await runInProcess(dir, ['init', '--today', TODAY]);
  assert.equal(r.exit, 0);
  return dir;
}

/** Runs one `run:` step as GitHub Actions does for `shell: bash`, with the stand-in npx. */
function runStep(step: Step, cwd: string, env: Record<string, string>) {
  const script = join(work, `step-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(script, step.run!);
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: `${bin}:${process.env.PATH}`, HOME: process.env.HOME, ...env },
  });
  return { exit: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the workflow inbound init writes', () => {
  it('has the keys GitHub needs: triggers, a job, checkout, Node 20, the check and the report', async () => {
    const dir = await initRepo('workflow-keys');
    const text = readFileSync(join(dir, '.github', 'workflows', 'inbound.yml'), 'utf8');
    const wf = parse(text) as { name: string; on: Record<string, unknown>; jobs: Record<string, { 'runs-on': string; steps: Step[] }> };
    assert.ok(wf.name);
    assert.ok('push' in wf.on && 'pull_request' in wf.on, 'runs on pushes and pull requests');
    const jobs = Object.values(wf.jobs);
    assert.equal(jobs.length, 1);
    const { steps } = jobs[0];
    assert.ok(jobs[0]['runs-on']);
    for (const step of steps) assert.ok(step.uses || step.run, JSON.stringify(step));
    assert.match(steps[0].uses!, /^actions\/checkout@v\d+$/);
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!;
    assert.equal(String(node.with!['node-version']), '20');
    const check = steps.find((s) => / check .*--format github/.test(s.run ?? ''))!;
    assert.ok(check);
    const report = steps.find((s) => / report .*--format md/.test(s.run ?? ''))!;
    assert.match(report.run!, />> "\$GITHUB_STEP_SUMMARY"$/);
    assert.match(report.if ?? '', /!cancelled\(\)|always\(\)/, 'the report also when the check failed');
    assert.ok(steps.indexOf(report) > steps.indexOf(check));
    const packages = npxPackages(text);
    assert.equal(packages.length, 3);
    for (const p of packages) assert.equal(p, `inbound-cli@${MAJOR}`);
    // On pull requests only, after the check, into the summary, never failing the run itself.
    const diff = steps.find((s) => / diff --base "\$base"/.test(s.run ?? ''))!;
    assert.match(diff.if ?? '', /github\.event_name == 'pull_request'/);
    assert.match(diff.run!, /--format md --fail-on never >> "\$GITHUB_STEP_SUMMARY"$/m);
    assert.ok(steps.indexOf(diff) > steps.indexOf(check));
  });

  it('runs: the check fails on the example, the report lands in the summary', async () => {
    const dir = await initRepo('workflow-run');
    const wf = parse(readFileSync(join(dir, '.github', 'workflows', 'inbound.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
    const steps = Object.values(wf.jobs)[0].steps.filter((s) => s.run);
    const summary = join(dir, 'summary.md');
    const env = { GITHUB_STEP_SUMMARY: summary, NPX_LOG: join(dir, 'npx.log') };
    const check = runStep(steps[0], dir, env);
    assert.equal(check.exit, 1, check.stderr);
    assert.match(check.stdout, /^::error file=requirements\/example\.req\.yaml,line=\d+,col=13[^:]*::EX-2 is on the roadmap/m);
    const report = runStep(steps[1], dir, env);
    assert.equal(report.exit, 0, report.stderr);
    assert.match(readFileSync(summary, 'utf8'), /^# Roadmap readiness/);
  });

  it('runs the roadmap diff on a pull request: the change that puts EX-2 on the roadmap, blocked, in the summary', async () => {
    const dir = join(work, 'workflow-diff');
    mkdirSync(dir);
    const git = (...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout.trim();
    };
    git('init', '-q');
    assert.equal((await runInProcess(dir, ['init', '--today', TODAY])).exit, 0);
    const example = join(dir, 'requirements', 'example.req.yaml');
    const text = readFileSync(example, 'utf8');
    // The base: EX-2 still an idea. The pull request moves it onto the roadmap.
    writeFileSync(example, text.replace(/(id: EX-2[\s\S]*?status:\s*)roadmap/, '$1idea'));
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    const base = git('rev-parse', 'HEAD');
    writeFileSync(example, text);
    const event = join(dir, 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { base: { sha: base } } }));
    const wf = parse(readFileSync(join(dir, '.github', 'workflows', 'inbound.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
    const diff = Object.values(wf.jobs)[0].steps.find((s) => / diff /.test(s.run ?? ''))!;
    const summary = join(dir, 'summary.md');
    const r = runStep(diff, dir, { GITHUB_STEP_SUMMARY: summary, GITHUB_EVENT_PATH: event, NPX_LOG: join(dir, 'npx.log') });
    assert.equal(r.exit, 0, r.stderr);
    assert.match(readFileSync(summary, 'utf8'), /This change puts 1 requirement on the roadmap; 1 is blocked by the gate \(EX-2/);
  });

  it('pins the major version it was written with, and names the folder when it is not the root', () => {
    const text = workflowTemplate('3', 'teams/product');
    assert.deepEqual(npxPackages(text), ['inbound-cli@3', 'inbound-cli@3', 'inbound-cli@3']);
    assert.match(text, /diff --base "\$base" teams\/product --format md/);
    assert.match(text, /check teams\/product --format github/);
  });
});

describe('the GitHub Action (action.yml)', () => {
  const text = readFileSync(join(REPO, 'action.yml'), 'utf8');
  const action = parse(text) as {
    name: string;
    description: string;
    inputs: Record<string, { description: string; default?: string; required?: boolean }>;
    outputs: Record<string, { value: string }>;
    runs: { using: string; steps: Step[] };
  };

  it('is a composite action with the inputs it documents, and a shell on every run step', () => {
    assert.ok(action.name);
    assert.ok(action.description);
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs).sort(), ['fail-on-warnings', 'max-warnings', 'paths', 'sarif', 'version']);
    for (const [name, input] of Object.entries(action.inputs)) assert.ok(input.description, `${name} describes itself`);
    assert.equal(action.inputs.paths.default, '.');
    assert.equal(action.inputs.version.default, MAJOR, 'the major version of this repository');
    assert.equal(action.inputs.sarif.default, 'false');
    assert.equal(action.inputs['fail-on-warnings'].default, 'false');
    for (const step of action.runs.steps) {
      assert.ok(step.uses || step.run, JSON.stringify(step));
      if (step.run) assert.equal(step.shell, 'bash', `${step.name} has a shell`);
      // Inputs reach scripts through the environment, never pasted into the script's text.
      if (step.run) assert.doesNotMatch(step.run, /\$\{\{/, `${step.name}`);
    }
    const uses = action.runs.steps.flatMap((s) => (s.uses ? [s.uses.replace(/@.*/, '')] : []));
    assert.deepEqual(uses, ['actions/setup-node', 'github/codeql-action/upload-sarif']);
    assert.equal(String(action.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node'))!.with!['node-version']), '20');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    assert.match(upload.if!, /inputs\.sarif == 'true'/);
  });

  it('runs inbound-cli, the roadmap diff on pull requests included (test/diff/action.test.ts runs that step)', () => {
    const packages = npxPackages(text);
    assert.ok(packages.length >= 4);
    for (const p of packages) assert.equal(p, 'inbound-cli@$INBOUND_VERSION');
    assert.match(text, / diff --base "\$base" "\$\{paths\[@\]\}" --format md --fail-on never >> "\$GITHUB_STEP_SUMMARY"/);
  });

  /** The composite's steps in order, with `if:` decided as the runner would for these expressions. */
  function runAction(cwd: string, inputs: Record<string, string>) {
    const values: Record<string, string> = {};
    for (const [name, input] of Object.entries(action.inputs)) values[name] = inputs[name] ?? input.default ?? '';
    const output = join(cwd, `output-${Math.random().toString(36).slice(2)}`);
    const summary = join(cwd, 'summary.md');
    const runnerTemp = mkdtempSync(join(work, 'runner-temp-'));
    const outcomes: Record<string, string> = {};
    const outputs: Record<string, Record<string, string>> = {};
    const ran: { step: Step; exit: number | null; stdout: string; stderr: string }[] = [];
    const expr = (e: string) =>
      e.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, x: string) => {
        const input = /^inputs\.([\w-]+)$/.exec(x);
        if (input) return values[input[1]];
        const out = /^steps\.(\w+)\.outputs\.([\w-]+)$/.exec(x);
        if (out) return outputs[out[1]]?.[out[2]] ?? '';
        if (x === 'runner.temp') return runnerTemp;
        throw new Error(`expression not understood: ${x}`);
      });
    const condition = (c: string | undefined) =>
      !c ||
      c
        .replace(/^\$\{\{\s*|\s*\}\}$/g, '')
        .split('&&')
        .map((t) => t.trim())
        .every((t) => {
          if (t === '!cancelled()') return true;
          const input = /^inputs\.([\w-]+) == '(.*)'$/.exec(t);
          if (input) return values[input[1]] === input[2];
          const outcome = /^steps\.(\w+)\.outcome == '(\w+)'$/.exec(t);
          if (outcome) return outcomes[outcome[1]] === outcome[2];
          throw new Error(`condition not understood: ${t}`);
        });
    for (const step of action.runs.steps) {
      if (!condition(step.if)) {
        if (step.id) outcomes[step.id] = 'skipped';
        continue;
      }
      if (step.uses) {
        ran.push({ step, exit: 0, stdout: '', stderr: '' });
        continue;
      }
      writeFileSync(output, '');
      const env: Record<string, string> = { GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: runnerTemp, NPX_LOG: join(cwd, 'npx.log') };
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expr(String(v));
      const r = runStep(step, cwd, env);
      ran.push({ step, ...r });
      if (step.id) {
        outcomes[step.id] = r.exit === 0 ? 'success' : 'failure';
        outputs[step.id] = Object.fromEntries(
          readFileSync(output, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => l.split('=') as [string, string]),
        );
      }
      if (r.exit !== 0) break;
    }
    const last = ran[ran.length - 1];
    return {
      exit: last.exit,
      ran,
      outputs,
      summary: existsSync(summary) ? readFileSync(summary, 'utf8') : '',
      npx: readFileSync(join(cwd, 'npx.log'), 'utf8').trim().split('\n'),
      runnerTemp,
    };
  }

  it('annotates, writes the report to the summary also when the check fails, and fails with the check', async () => {
    const dir = await initRepo('action-fails');
    const r = runAction(dir, {});
    assert.equal(r.exit, 1);
    assert.equal(r.outputs.check['exit-code'], '1');
    const check = r.ran.find((s) => s.step.id === 'check')!;
    assert.equal(check.exit, 0, 'the check step records the result and lets the summary run');
    assert.match(check.stdout, /^::error file=requirements\/example\.req\.yaml,/m);
    assert.match(check.stdout, /^::warning file=requirements\/example\.req\.yaml,/m);
    assert.match(r.summary, /^# Roadmap readiness/m);
    assert.ok(!r.ran.some((s) => s.step.uses?.includes('upload-sarif')), 'no SARIF unless asked');
    assert.deepEqual(r.npx, [`--yes inbound-cli@${MAJOR} check . --format github`, `--yes inbound-cli@${MAJOR} report . --format md`]);
  });

  it('passes without errors, fails on warnings when told to, and reads paths and max-warnings', async () => {
    const dir = await initRepo('action-warnings');
    // Make EX-2 pass the gate with a waiver: one single-deal warning is left.
    const example = join(dir, 'requirements', 'example.req.yaml');
    writeFileSync(
      example,
      readFileSync(example, 'utf8').replace(
        '    owner: pm@example.com\n    evidence:\n      - kind: sales-deal\n        account: Initech',
        '    owner: pm@example.com\n    waiver:\n      reason: Contract commitment.\n      approved-by: vp@example.com\n    evidence:\n      - kind: sales-deal\n        account: Initech',
      ),
    );
    const pass = runAction(dir, {});
    assert.equal(pass.exit, 0, JSON.stringify(pass.ran.map((s) => s.stderr)));
    assert.equal(runAction(dir, { 'fail-on-warnings': 'true' }).exit, 1);
    assert.equal(runAction(dir, { 'max-warnings': '0' }).exit, 1);
    assert.equal(runAction(dir, { 'max-warnings': '1' }).exit, 0);
    const paths = runAction(dir, { paths: 'requirements\ninbound.config.yaml  requirements/example.req.yaml', version: '0.1.0' });
    assert.equal(paths.exit, 0);
    assert.equal(paths.npx.at(-2), '--yes inbound-cli@0.1.0 check requirements inbound.config.yaml requirements/example.req.yaml --format github');
    assert.equal(paths.npx.at(-1), '--yes inbound-cli@0.1.0 report requirements inbound.config.yaml requirements/example.req.yaml --format md');
  });

  it('writes SARIF for code scanning when asked', async () => {
    const dir = await initRepo('action-sarif');
    const r = runAction(dir, { sarif: 'true' });
    assert.equal(r.exit, 1);
    assert.ok(r.ran.some((s) => s.step.uses?.startsWith('github/codeql-action/upload-sarif')), 'uploaded');
    const sarif = JSON.parse(readFileSync(join(r.runnerTemp, 'inbound.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results.length, 2);
  });

  it('fails with the reason when the check cannot run (a path with no requirement files)', async () => {
    const dir = await initRepo('action-usage');
    const r = runAction(dir, { paths: 'no-such-folder' });
    assert.equal(r.exit, 2);
    assert.match(r.ran.at(-1)!.stdout, /^::error title=Inbound::inbound check could not run/m);
  });
});

describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
  const hooks = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];

  it('declares the inbound hook, run through inbound-cli on the files being committed', () => {
    assert.ok(Array.isArray(hooks));
    assert.equal(hooks.length, 1);
    const hook = hooks[0];
    assert.equal(hook.id, 'inbound');
    assert.ok(hook.name);
    assert.equal(hook.entry, 'npx --yes inbound-cli check');
    assert.deepEqual(npxPackages(String(hook.entry)), ['inbound-cli']);
    assert.ok(['system', 'node'].includes(String(hook.language)));
    assert.equal(hook.pass_filenames, true);
    const files = new RegExp(String(hook.files));
    for (const f of ['a.req.yaml', 'areas/b.req.yml', 'inbound.config.yaml', 'packages/web/inbound.config.yaml']) assert.match(f, files, f);
    for (const f of ['a.yaml', 'req.yaml.bak', 'myinbound.config.yaml', 'inbound.config.yml', 'a.req.yaml/x']) assert.doesNotMatch(f, files, f);
  });

  it('runs its entry on the files pre-commit passes', async () => {
    const dir = await initRepo('pre-commit');
    const hook = hooks[0];
    const r = runStep({ run: `${hook.entry} requirements/example.req.yaml inbound.config.yaml` }, dir, { NPX_LOG: join(dir, 'npx.log') });
    assert.equal(r.exit, 1);
    assert.match(r.stdout, /roadmap-gate/);
  });
});
