/**
 * The built `inbound` binary as a real process: exit codes, one-line errors, and each output format
 * as the tools that read it expect (a terminal, GitHub Actions, SARIF code scanning).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';

const REPO = join(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const FIXTURES = join(REPO, 'test', 'fixtures', 'check');
const TODAY = ['--today', '2026-11-23'];

function run(args: string[], cwd = REPO, as: string[] = []) {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.INBOUND_DEBUG;
  const command = [...as, process.execPath, CLI, ...args];
  const r = spawnSync(command[0], command.slice(1), { cwd, encoding: 'utf8', env, timeout: 30_000 });
  if (r.error) throw r.error;
  return { exit: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The command prefix that runs the CLI as a user who is not root: root reads a chmod 000 file all
 * the same, so a permission test run as root (CI containers, this one) would prove nothing. setpriv
 * comes with util-linux, which .ci/run installs; without it the test fails rather than pass unseen.
 */
function notRoot(): string[] {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return [];
  return ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'];
}

/** A usage, config or I/O failure: exit 2 and one line on stderr, never a stack trace. */
function assertOneLineFailure(r: ReturnType<typeof run>, mentions: string) {
  assert.equal(r.exit, 2, `exit code; stderr: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got: ${r.stderr}`);
  assert.match(lines[0], /^inbound: /);
  assert.ok(lines[0].includes(mentions), `stderr should mention ${mentions}: ${lines[0]}`);
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:|node:internal/);
}

before(() => {
  if (!existsSync(CLI)) {
    const b = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'inherit' });
    assert.equal(b.status, 0, 'build');
  }
});

describe('exit codes', () => {
  it('0 for a clean workspace, 1 for errors', () => {
    const clean = run(['check', '.', ...TODAY], join(FIXTURES, 'clean-workspace'));
    assert.equal(clean.exit, 0, clean.stdout + clean.stderr);
    assert.equal(clean.stderr, '');
    const gate = run(['check', '.', ...TODAY], join(FIXTURES, 'roadmap-gate'));
    assert.equal(gate.exit, 1);
  });

  it('warnings alone pass, unless there are more than --max-warnings', () => {
    const cwd = join(FIXTURES, 'single-deal-one-deal');
    assert.equal(run(['check', ...TODAY], cwd).exit, 0);
    assert.equal(run(['check', ...TODAY, '--max-warnings', '1'], cwd).exit, 0);
    const over = run(['check', ...TODAY, '--max-warnings', '0'], cwd);
    assert.equal(over.exit, 1);
    assert.equal(over.stderr, 'inbound: 1 warning, more than --max-warnings 0.\n');
  });

  it('checks the current folder when no path is given, and explicit files as named', () => {
    const r = run(['check', 'b.req.yaml', '--format', 'json', ...TODAY], join(FIXTURES, 'duplicate-id'));
    const files = (JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file);
    assert.deepEqual(files, ['b.req.yaml']);
    assert.equal(r.exit, 1, 'CHK-1 is used twice within b.req.yaml');
  });
});

describe('usage, config and I/O failures: exit 2 with one line', () => {
  it('a missing path', () => assertOneLineFailure(run(['check', 'no/such/folder']), 'no such file or folder: no/such/folder'));
  it('a date that is not a date', () => assertOneLineFailure(run(['check', 'examples', '--today', '2026-02-30']), "'2026-02-30'"));
  it('an unknown format', () => assertOneLineFailure(run(['check', 'examples', '--format', 'xml']), "unknown format 'xml'"));
  it('a missing --config file', () =>
    assertOneLineFailure(run(['check', 'examples', '--config', 'nope.config.yaml']), 'cannot read config nope.config.yaml'));
  it('an unknown option', () => assertOneLineFailure(run(['check', '--colour']), '--colour'));
  it('--max-warnings that is not a number', () => assertOneLineFailure(run(['check', 'examples', '--max-warnings', 'some']), '--max-warnings'));
  it('an unknown command', () => assertOneLineFailure(run(['chekc']), "unknown command 'chekc'"));

  describe('an unreadable file', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'inbound-unreadable-'));
      // The user the CLI runs as (not root, see notRoot) may enter the folder and read the other file.
      chmodSync(dir, 0o755);
      writeFileSync(join(dir, 'locked.req.yaml'), 'requirements: []\n');
      writeFileSync(join(dir, 'open.req.yaml'), 'requirements:\n  - id: A-1\n    title: Fine\n    status: idea\n', { mode: 0o644 });
      chmodSync(join(dir, 'locked.req.yaml'), 0o000);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('is reported in one line, exit 2, and the other files are still checked', { skip: process.platform === 'win32' && 'POSIX permissions' }, () => {
      const r = run(['check', '.', '--format', 'json', ...TODAY], dir, notRoot());
      assertOneLineFailure(r, 'cannot read locked.req.yaml: permission denied');
      assert.deepEqual(
        (JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file),
        ['open.req.yaml'],
      );
    });
  });
});

describe('stylish', () => {
  it('has no colour when stdout is not a terminal, and shows 1-based line:col', () => {
    const r = run(['check', '.', ...TODAY], join(FIXTURES, 'roadmap-gate'));
    assert.doesNotMatch(r.stdout, /\x1b\[/);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'checkout.req.yaml');
    // The gate of CHK-201 is on the status value: 0-based line 3, character 12 in JSON.
    assert.match(lines[1], /^ {2}4:13 +error +CHK-201 is on the roadmap with no market evidence; .* roadmap-gate$/);
    // The summary ends with the roadmap's readiness in the report's words: a waived item is not ready.
    assert.match(r.stdout, /✖ 11 problems \(7 errors, 4 warnings\) · 6 requirements in 1 file · 1 of 6 roadmap items ready \(1 waived · 4 blocked by the gate\)\.\n$/);
  });

  it('colours only when asked to', () => {
    const env = { ...process.env, FORCE_COLOR: '1' };
    const r = spawnSync(process.execPath, [CLI, 'check', '.', ...TODAY], { cwd: join(FIXTURES, 'roadmap-gate'), encoding: 'utf8', env });
    assert.match(r.stdout, /\x1b\[31merror/);
  });

  it('reports a clean run in one line', () => {
    const r = run(['check', '.', ...TODAY], join(FIXTURES, 'clean-workspace'));
    assert.equal(r.stdout, '✔ No problems: 3 requirements in 2 files · 1 of 1 roadmap item ready (nothing blocked).\n');
  });
});

describe('github', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'inbound-github-'));
    // A file name with a comma and a colon, an account with a percent sign and a line break.
    writeFileSync(
      join(dir, 'a,b:c.req.yaml'),
      'requirements:\n  - id: CHK-1\n    title: Odd names\n    status: validated\n    evidence:\n' +
        '      - kind: sales-deal\n        account: "100% Corp\\nEMEA"\n        deal: OPP-1\n        date: 2026-09-12\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one escaped workflow command per finding', () => {
    const r = run(['check', '.', '--format', 'github', ...TODAY], dir);
    assert.equal(r.exit, 0);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stdout);
    const m = /^::warning (file=[^:]*,line=5,col=5,endLine=5,endColumn=13,title=[^:]*)::(.*)$/.exec(lines[0]);
    assert.ok(m, lines[0]);
    assert.equal(m[1], 'file=a%2Cb%3Ac.req.yaml,line=5,col=5,endLine=5,endColumn=13,title=Inbound single-deal');
    assert.ok(m[2].startsWith('CHK-1 rests on one sales deal (100%25 Corp%0AEMEA, OPP-1). '), m[2]);
    assert.doesNotMatch(m[2], /%(?!25|0A|0D)/);
  });

  it('maps information findings to notices', () => {
    const r = run(['check', '.', '--format', 'github', ...TODAY], join(FIXTURES, 'stale-after-days-config'));
    assert.match(r.stdout, /^::notice file=checkout\.req\.yaml,line=11,col=15,endLine=11,endColumn=25,title=Inbound stale-evidence::This interview for CHK-601 is 31 days old/);
  });
});

describe('sarif', () => {
  const schemaPath = join(REPO, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  // The schema's language pattern is not valid in Unicode mode; it was written for plain regexes.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

  interface SarifResult {
    ruleId: string;
    level: string;
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
    relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } }; message: { text: string } }[];
    suppressions?: { kind: string; justification: string }[];
  }

  function sarif(cwd: string, args: string[] = ['.']) {
    const r = run(['check', ...args, '--format', 'sarif', ...TODAY], cwd);
    const log = JSON.parse(r.stdout) as { version: string; runs: { results: SarifResult[]; tool: { driver: { rules: { id: string }[] } } }[] };
    const valid = validate(log);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    return { r, log, results: log.runs[0].results };
  }

  it('is checked against a schema that rejects broken logs', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ results: [] }] }), false, 'a run without a tool');
    assert.equal(validate({ version: '2.0.0', runs: [] }), false, 'another version');
  });

  it('is valid SARIF 2.1.0, with suppressed findings and their reason', () => {
    const { r, log, results } = sarif(REPO, ['examples']);
    assert.equal(r.exit, 1);
    assert.equal(log.version, '2.1.0');
    const suppressed = results.filter((x) => x.suppressions);
    assert.equal(suppressed.length, 1);
    assert.equal(suppressed[0].suppressions![0].kind, 'inSource');
    assert.ok(suppressed[0].suppressions![0].justification.length > 0);
    const rules = log.runs[0].tool.driver.rules.map((x) => x.id);
    for (const x of results) assert.ok(rules.includes(x.ruleId), x.ruleId);
  });

  it('maps severities and positions, and links duplicate ids to each other', () => {
    const { results } = sarif(join(FIXTURES, 'duplicate-id'));
    assert.equal(results.length, 3);
    const inA = results.find((x) => x.locations[0].physicalLocation.artifactLocation.uri === 'a.req.yaml')!;
    assert.equal(inA.level, 'error');
    assert.deepEqual(inA.locations[0].physicalLocation.region, { startLine: 2, startColumn: 9, endLine: 2, endColumn: 14 });
    assert.deepEqual(
      inA.relatedLocations!.map((x) => [x.physicalLocation.artifactLocation.uri, x.message.text]),
      [
        ['b.req.yaml', 'CHK-1 is also used here for “Copy in another file”.'],
        ['b.req.yaml', 'CHK-1 is also used here for “Third use”.'],
      ],
    );
    const stale = sarif(join(FIXTURES, 'stale-after-days-config')).results;
    assert.deepEqual(stale.map((x) => [x.ruleId, x.level]), [['stale-evidence', 'note']]);
  });

  it('stays valid with non-ASCII text and hostile input', () => {
    for (const name of ['utf16-columns', 'yaml-alias-bomb', 'proto-keys', 'config-broken']) sarif(join(FIXTURES, name));
  });
});

describe('npx inbound', () => {
  it('runs the package binary from the repository root', () => {
    const r = spawnSync('npx', ['--no-install', 'inbound', 'check', 'examples', '--format', 'json', ...TODAY], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 60_000,
      shell: process.platform === 'win32',
    });
    assert.equal(r.status, 1, r.stderr);
    const files = (JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file);
    assert.ok(files.includes('examples/checkout.req.yaml'), files.join(', '));
  });
});
