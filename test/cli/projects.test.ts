/**
 * Projects: single-file runs (pre-commit hooks and lint-staged name files) and monorepos (several
 * inbound.config.yaml). Each folder under test/fixtures/projects/ is a workspace; the `check` runs
 * below are `inbound check …` in one of its folders, each with its exact output in
 * `expected/<run>.txt`. Reports are checked by their facts (the report model has tests of its own).
 *
 * `UPDATE_FIXTURES=1` rewrites the expected files from what the CLI prints (a draft, to be read
 * against the spec before committing); it refuses to run under CI, where expectations are only read.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess } from './run-cli';

const ROOT = join(__dirname, '..', 'fixtures', 'projects');
const TODAY = ['--today', '2026-11-23'];
const update = process.env.UPDATE_FIXTURES === '1';
if (update && process.env.CI) {
  throw new Error('UPDATE_FIXTURES=1 rewrites expected output; it does not run under CI (CI is set), where expectations are only read');
}

interface Run {
  /** The name of its expected output, `expected/<name>.txt` in the case's folder. */
  name: string;
  /** Where it runs, relative to the case's folder. */
  cwd?: string;
  args: string[];
  exit: number;
  /** Each must appear on stderr (one line each); without it stderr must be empty. */
  stderr?: string[];
}

const RUNS: Record<string, Run[]> = {
  'single-file': [
    { name: 'folder', args: ['check', '.', '--format', 'json'], exit: 1 },
    { name: 'one-file', args: ['check', 'plan.req.yaml', '--format', 'json'], exit: 1 },
    { name: 'one-file-stylish', args: ['check', 'plan.req.yaml'], exit: 1 },
    { name: 'two-files', args: ['check', 'ledger.req.yaml', 'plan.req.yaml', '--format', 'json'], exit: 1 },
    { name: 'from-a-subfolder', cwd: 'docs', args: ['check', '../plan.req.yaml', '--format', 'json'], exit: 1 },
    { name: 'no-files', args: ['check', 'docs', '--format', 'json'], exit: 2, stderr: ['inbound: no requirement files in docs (looked for **/*.req.yaml, **/*.req.yml, the defaults: no inbound.config.yaml applies)'] },
    { name: 'no-files-allowed', args: ['check', 'docs', '--format', 'json', '--allow-empty'], exit: 0 },
  ],
  monorepo: [
    { name: 'root', args: ['check', '.', '--format', 'json'], exit: 1 },
    { name: 'root-stylish', args: ['check'], exit: 1 },
    { name: 'subproject', cwd: 'packages/strict', args: ['check', '--format', 'json'], exit: 1 },
    { name: 'packages-folder', cwd: 'packages', args: ['check', '.', '--format', 'json'], exit: 1 },
    { name: 'single-file', args: ['check', 'packages/strict/app.req.yaml', '--format', 'json'], exit: 1 },
    { name: 'files-of-two-projects', args: ['check', 'packages/strict/app.req.yaml', 'packages/relaxed/app.req.yaml', '--format', 'json'], exit: 1 },
    { name: 'named-config', args: ['check', 'packages/relaxed/inbound.config.yaml', '--format', 'json'], exit: 0 },
    { name: 'named-root-config', args: ['check', 'inbound.config.yaml', '--format', 'json'], exit: 1 },
    { name: 'explicit-config', args: ['check', '.', '--config', 'inbound.config.yaml', '--format', 'json'], exit: 1 },
    { name: 'explicit-config-single-file', args: ['check', 'packages/strict/app.req.yaml', '--config', 'inbound.config.yaml', '--format', 'json'], exit: 1 },
    {
      name: 'no-files-nested',
      args: ['check', 'packages/relaxed/docs'],
      exit: 2,
      stderr: ['inbound: no requirement files in packages/relaxed/docs (looked for **/*.req.yaml, **/*.requirements.yaml; see packages/relaxed/inbound.config.yaml)'],
    },
  ],
};

interface JsonFile {
  file: string;
  diagnostics: { code: string; message: string; range: unknown }[];
}

async function check(cwd: string, args: string[]) {
  const r = await runInProcess(cwd, ['check', ...args, '--format', 'json', ...TODAY]);
  return { ...r, files: r.stdout ? (JSON.parse(r.stdout) as JsonFile[]) : [] };
}

describe('projects and single files: fixture runs', () => {
  it('has a run for every case folder', () => {
    const cases = readdirSync(ROOT).filter((n) => statSync(join(ROOT, n)).isDirectory());
    assert.deepEqual(cases.sort(), Object.keys(RUNS).sort());
  });

  for (const [name, runs] of Object.entries(RUNS)) {
    for (const run of runs) {
      it(`${name}: inbound ${run.args.join(' ')}${run.cwd ? ` (in ${run.cwd})` : ''}`, async () => {
        const cwd = join(ROOT, name, run.cwd ?? '.');
        const { exit, stdout, stderr } = await runInProcess(cwd, [...run.args, ...TODAY]);
        const expectedPath = join(ROOT, name, 'expected', `${run.name}.txt`);
        if (update) {
          mkdirSync(join(ROOT, name, 'expected'), { recursive: true });
          writeFileSync(expectedPath, stdout);
        }
        assert.ok(existsSync(expectedPath), `${expectedPath} (run with UPDATE_FIXTURES=1 to draft it)`);
        assert.equal(stdout, readFileSync(expectedPath, 'utf8'));
        assert.equal(exit, run.exit, `exit code (stderr: ${stderr.join(' | ')})`);
        if (run.stderr) {
          assert.equal(stderr.length, run.stderr.length, stderr.join('\n'));
          run.stderr.forEach((s, i) => assert.ok(stderr[i].startsWith(s), `stderr line ${i + 1} should start with ${s}: ${stderr[i]}`));
        } else {
          assert.deepEqual(stderr, []);
        }
      });
    }
  }
});

describe('a single file gets exactly the findings the folder run gives it', () => {
  // Every folder that is a project's root, and a plain folder inside a project.
  const places = [
    ['single-file', '.'],
    ['single-file', 'docs'],
    ['monorepo', '.'],
    ['monorepo', 'packages'],
    ['monorepo', 'packages/strict'],
    ['monorepo', 'packages/relaxed'],
  ];
  for (const [name, at] of places) {
    it(`${name}, from ${at}`, async () => {
      const cwd = join(ROOT, name, at);
      const caseRoot = join(ROOT, name);
      // The folder run over the whole case, seen from `at`.
      const all = await check(cwd, [relative(cwd, caseRoot) || '.']);
      const requirementFiles = all.files.filter((f) => !f.file.endsWith('inbound.config.yaml'));
      assert.ok(requirementFiles.length >= 3, all.stdout);
      for (const entry of requirementFiles) {
        const one = await check(cwd, [entry.file]);
        assert.deepEqual(one.stderr, []);
        assert.deepEqual(one.files, [entry], entry.file);
      }
    });
  }

  it('knows the ids of the other files: no unknown reference, the duplicate and the cycle across files', async () => {
    const { files } = await check(join(ROOT, 'single-file'), ['plan.req.yaml']);
    assert.deepEqual(files[0].diagnostics.map((d) => d.code), ['duplicate-id', 'unknown-reference']);
    assert.match(files[0].diagnostics[1].message, /NOPE-1/);
    const cycle = await check(join(ROOT, 'single-file'), ['cycle.req.yaml']);
    assert.deepEqual(cycle.files[0].diagnostics.map((d) => d.code), ['dependency-cycle']);
  });

  it('points the duplicate to the other file (SARIF related location)', async () => {
    const r = await runInProcess(join(ROOT, 'single-file'), ['check', 'plan.req.yaml', '--format', 'sarif', ...TODAY]);
    const results = (JSON.parse(r.stdout) as { runs: { results: { ruleId: string; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] }).runs[0].results;
    const dup = results.find((x) => x.ruleId === 'duplicate-id')!;
    assert.deepEqual(
      dup.relatedLocations!.map((l) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine]),
      [['ledger.req.yaml', 6]],
    );
  });
});

describe('monorepo boundaries', () => {
  const mono = join(ROOT, 'monorepo');

  it('judges each file by its own config, and keeps ids apart between projects', async () => {
    const { files } = await check(mono, ['.']);
    const codes = Object.fromEntries(files.map((f) => [f.file, f.diagnostics.map((d) => d.code)]));
    assert.deepEqual(codes, {
      'inbound.config.yaml': [],
      'platform.req.yaml': ['no-evidence', 'unknown-reference'],
      'packages/relaxed/inbound.config.yaml': [],
      'packages/relaxed/app.req.yaml': [],
      'packages/relaxed/web.requirements.yaml': [],
      'packages/strict/inbound.config.yaml': [],
      'packages/strict/app.req.yaml': ['roadmap-gate', 'unknown-reference', 'no-evidence'],
    });
    // The root's no-evidence is an error (its config), the strict package's a warning (its own).
    const severity = (file: string) => files.find((f) => f.file === file)!.diagnostics.find((d) => d.code === 'no-evidence') as unknown as { severity: string };
    assert.equal(severity('platform.req.yaml').severity, 'error');
    assert.equal(severity('packages/strict/app.req.yaml').severity, 'warning');
  });

  it('with --config, one config applies to every file and the folders\' configs are not read', async () => {
    const { files } = await check(mono, ['.', '--config', 'inbound.config.yaml']);
    assert.deepEqual(
      files.map((f) => f.file),
      ['inbound.config.yaml', 'packages/relaxed/app.req.yaml', 'packages/strict/app.req.yaml', 'platform.req.yaml'],
    );
    const strict = files.find((f) => f.file === 'packages/strict/app.req.yaml')!;
    assert.deepEqual(strict.diagnostics.map((d) => d.code), ['duplicate-id', 'unknown-reference', 'no-evidence']);
  });

  it('counts requirement files, not configs, in the summary', async () => {
    const r = await runInProcess(mono, ['check', ...TODAY]);
    assert.match(r.stdout, /· 5 requirements in 4 files · /);
  });
});

describe('--allow-empty', () => {
  it('prints an empty result in the chosen format, and passes', async () => {
    const r = await runInProcess(join(ROOT, 'single-file'), ['check', 'docs', '--format', 'sarif', '--allow-empty', ...TODAY]);
    assert.equal(r.exit, 0);
    assert.deepEqual(r.stderr, []);
    const sarif = JSON.parse(r.stdout) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(sarif.runs[0].results, []);
    const github = await runInProcess(join(ROOT, 'single-file'), ['check', 'docs', '--format', 'github', '--allow-empty', ...TODAY]);
    assert.deepEqual([github.exit, github.stdout], [0, '']);
  });

  it('without it, every path that finds nothing is named, and the others are still printed', async () => {
    const r = await runInProcess(join(ROOT, 'monorepo'), ['check', 'packages/relaxed/docs', 'packages/relaxed/app.req.yaml', '--format', 'json', ...TODAY]);
    assert.equal(r.exit, 2);
    assert.deepEqual((JSON.parse(r.stdout) as JsonFile[]).map((f) => f.file), ['packages/relaxed/app.req.yaml']);
    assert.equal(r.stderr.length, 1);
    assert.match(r.stderr[0], /^inbound: no requirement files in packages\/relaxed\/docs /);
  });
});

interface ReportJson {
  policy: { minMarketEvidence: number };
  files: number;
  requirements: { file: string; id: string; verdict: string; findings: { code: string }[] }[];
}

describe('inbound report: the same projects', () => {
  async function report(cwd: string, args: string[]) {
    const r = await runInProcess(cwd, ['report', ...args, '--format', 'json', ...TODAY]);
    assert.deepEqual(r.stderr, []);
    assert.equal(r.exit, 0);
    return JSON.parse(r.stdout) as ReportJson;
  }
  const rows = (r: ReportJson) => r.requirements.map((q) => [q.file, q.id, q.verdict, q.findings.map((f) => f.code).join(' ')]);

  it('given a file, covers its requirements, judged against its whole project', async () => {
    const r = await report(join(ROOT, 'single-file'), ['plan.req.yaml']);
    assert.equal(r.files, 1);
    assert.deepEqual(rows(r), [
      ['plan.req.yaml', 'PLN-1', 'gathering', ''],
      ['plan.req.yaml', 'DUP-7', 'gathering', 'duplicate-id'],
      ['plan.req.yaml', 'PLN-2', 'gathering', 'unknown-reference'],
    ]);
  });

  it("a nested project's folder, file or config: that project's policy", async () => {
    const mono = join(ROOT, 'monorepo');
    const strict = await report(mono, ['packages/strict']);
    assert.equal(strict.policy.minMarketEvidence, 2);
    assert.deepEqual(rows(strict), [
      ['packages/strict/app.req.yaml', 'APP-1', 'blocked', 'roadmap-gate unknown-reference'],
      ['packages/strict/app.req.yaml', 'APP-2', 'no-evidence', 'no-evidence'],
    ]);
    const relaxed = await report(mono, ['packages/relaxed/app.req.yaml']);
    assert.equal(relaxed.policy.minMarketEvidence, 1);
    assert.deepEqual(rows(relaxed), [['packages/relaxed/app.req.yaml', 'APP-1', 'ready', '']]);
    const byConfig = await report(mono, ['packages/relaxed/inbound.config.yaml']);
    assert.deepEqual(rows(byConfig).map((q) => q[1]), ['APP-1', 'WEB-1']);
    // The root config stands for the root project alone, not the packages under it.
    const root = await report(mono, ['inbound.config.yaml']);
    assert.deepEqual(rows(root), [['platform.req.yaml', 'PLT-1', 'no-evidence', 'no-evidence unknown-reference']]);
  });

  it('with --config: one project, one policy, whatever the folders hold', async () => {
    const r = await report(join(ROOT, 'monorepo'), ['--config', 'inbound.config.yaml']);
    assert.deepEqual(rows(r).map((q) => q.slice(0, 2)), [
      ['packages/relaxed/app.req.yaml', 'APP-1'],
      ['packages/strict/app.req.yaml', 'APP-1'],
      ['packages/strict/app.req.yaml', 'APP-2'],
      ['platform.req.yaml', 'PLT-1'],
    ]);
  });

  it('paths in several projects: exit 2, one line saying how to report on one', async () => {
    const mono = join(ROOT, 'monorepo');
    const two = await runInProcess(mono, ['report', 'packages/strict', 'packages/relaxed', ...TODAY]);
    assert.equal(two.exit, 2);
    assert.equal(two.stdout, '');
    assert.deepEqual(two.stderr, [
      'inbound: these paths lie in 2 projects, each with its own policy (packages/relaxed/inbound.config.yaml, packages/strict/inbound.config.yaml); one report has one policy: report on one project at a time, e.g. inbound report packages/relaxed/inbound.config.yaml (a config stands for its project)',
    ]);
    const all = await runInProcess(mono, ['report', ...TODAY]);
    assert.equal(all.exit, 2);
    assert.match(all.stderr.join('\n'), /^inbound: these paths lie in 3 projects/);
  });
});

describe('--help', () => {
  for (const argv of [['check', '--help'], ['report', '--help'], ['lsp', '--help'], ['help', 'check'], ['help', 'report'], ['check', '.', '-h']]) {
    it(`inbound ${argv.join(' ')}`, async () => {
      const r = await runInProcess(ROOT, argv);
      assert.equal(r.exit, 0);
      assert.deepEqual(r.stderr, []);
      const command = argv[0] === 'help' ? argv[1] : argv[0];
      assert.ok(r.stdout.startsWith(`Usage: inbound ${command}`), r.stdout);
    });
  }

  it('inbound --help: the usage of every command, --allow-empty included', async () => {
    const r = await runInProcess(ROOT, ['--help']);
    assert.equal(r.exit, 0);
    assert.match(r.stdout, /inbound check .*--allow-empty/);
    assert.match(r.stdout, /inbound report /);
    assert.match(r.stdout, /inbound lsp --stdio/);
  });

  it('inbound with no command: the usage, exit 2', async () => {
    const r = await runInProcess(ROOT, []);
    assert.equal(r.exit, 2);
    assert.match(r.stdout, /^Usage:/);
  });

  it('a file named --help after -- is a file', async () => {
    const r = await runInProcess(join(ROOT, 'single-file'), ['check', '--format', 'json', '--', '--help']);
    assert.equal(r.exit, 2);
    assert.deepEqual(r.stderr, ['inbound: no such file or folder: --help']);
  });
});
