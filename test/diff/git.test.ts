/**
 * `inbound diff` against real git repositories: the default base, explicit refs, a file renamed with
 * `git mv`, uncommitted changes, names git would quote, and every way the base can be missing (not a
 * repository, an unknown ref, a shallow clone without it), each one line and exit 2.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runInProcess } from '../cli/run-cli';
import { commitAll, git, makeRepo, tempDir, TODAY } from './git-repo';

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function repo(): string {
  const dir = makeRepo();
  made.push(dir);
  return dir;
}

const CHECKOUT = `area: Checkout
requirements:
  - id: CHK-1
    title: Apple Pay
    status: roadmap
    evidence:
      - kind: interview
        account: Globex AG
        date: 2026-10-01
  - id: CHK-2
    title: Gift cards
    status: validated
    evidence:
      - kind: sales-deal
        account: Acme GmbH
        deal: OPP-1
        date: 2026-10-02
`;

async function diff(cwd: string, ...args: string[]) {
  const r = await runInProcess(cwd, ['diff', '--today', TODAY, ...args]);
  return { ...r, json: r.exit !== 2 && args.includes('json') ? JSON.parse(r.stdout) : undefined };
}

describe('inbound diff with git', () => {
  it('compares uncommitted changes with the merge base (on main itself: HEAD)', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'checkout.req.yaml'), CHECKOUT);
    const base = commitAll(dir, 'base');
    writeFileSync(join(dir, 'checkout.req.yaml'), CHECKOUT.replace('status: validated', 'status: roadmap'));
    const r = await diff(dir, '--format', 'json');
    assert.deepEqual(r.stderr, []);
    assert.equal(r.exit, 1, 'CHK-2 enters the roadmap on one deal');
    assert.equal(r.json.base.label, 'merge base with main');
    assert.equal(r.json.base.commit, base);
    assert.deepEqual(r.json.entered.map((e: { id: string }) => e.id), ['CHK-2']);
    assert.deepEqual(r.json.attention.blocked.map((e: { id: string }) => e.id), ['CHK-2']);
  });

  it('a file renamed with git mv (staged, not committed) moves its requirements, and nothing else', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'checkout.req.yaml'), CHECKOUT);
    commitAll(dir, 'base');
    mkdirSync(join(dir, 'payments'));
    git(dir, 'mv', 'checkout.req.yaml', 'payments/checkout.req.yaml');
    const r = await diff(dir, '--format', 'json');
    assert.equal(r.exit, 0);
    assert.deepEqual(
      r.json.moved.map((m: { id: string; from: { path: string }; path: string }) => `${m.id} ${m.from.path} → ${m.path}`),
      ['CHK-1 checkout.req.yaml → payments/checkout.req.yaml', 'CHK-2 checkout.req.yaml → payments/checkout.req.yaml'],
    );
    for (const key of ['entered', 'left', 'verdicts', 'evidence', 'added', 'removed', 'renamed', 'waivers', 'warnings']) assert.deepEqual(r.json[key], [], key);
  });

  it('takes the merge base with origin/HEAD in a clone, and names it', async () => {
    const origin = repo();
    writeFileSync(join(origin, 'checkout.req.yaml'), CHECKOUT);
    const base = commitAll(origin, 'base');
    const clone = tempDir();
    made.push(clone);
    git(clone, 'clone', '-q', `file://${origin}`, '.');
    git(clone, 'checkout', '-q', '-b', 'feature');
    writeFileSync(join(clone, 'checkout.req.yaml'), CHECKOUT.replace('title: Gift cards', 'title: Gift cards and vouchers'));
    commitAll(clone, 'retitle');
    // main moves on after the branch: the merge base stays where the branch started.
    writeFileSync(join(origin, 'other.req.yaml'), 'requirements: []\n');
    commitAll(origin, 'later');
    git(clone, 'fetch', '-q');
    const r = await diff(clone, '--format', 'json');
    assert.deepEqual(r.stderr, []);
    assert.equal(r.json.base.label, 'merge base with origin/main');
    assert.equal(r.json.base.commit, base);
    assert.deepEqual(r.json.added, []);
  });

  it('falls back to master when there is neither origin/HEAD nor main', async () => {
    const dir = tempDir();
    made.push(dir);
    git(dir, 'init', '-q', '-b', 'master');
    writeFileSync(join(dir, 'checkout.req.yaml'), CHECKOUT);
    commitAll(dir, 'base');
    const r = await diff(dir, '--format', 'json');
    assert.equal(r.json.base.label, 'merge base with master');
  });

  it('--base takes any revision: a tag, a commit, HEAD~1', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'checkout.req.yaml'), CHECKOUT);
    const first = commitAll(dir, 'first');
    git(dir, 'tag', 'v1');
    writeFileSync(join(dir, 'checkout.req.yaml'), CHECKOUT.replace(/  - id: CHK-2[\s\S]*/, ''));
    commitAll(dir, 'second');
    for (const ref of ['v1', first, 'HEAD~1']) {
      const r = await diff(dir, '--base', ref, '--format', 'json');
      assert.deepEqual(r.stderr, [], ref);
      assert.equal(r.json.base.label, ref);
      assert.deepEqual(r.json.removed.map((x: { id: string }) => x.id), ['CHK-2'], ref);
    }
    const same = await diff(dir, '--base', 'HEAD');
    assert.match(same.stdout, /This change does not touch the roadmap/);
  });

  it('reads names git would quote (spaces, non-ASCII) and a link inside the project at the base', async () => {
    const dir = repo();
    mkdirSync(join(dir, 'café plans'));
    writeFileSync(join(dir, 'café plans', 'zürich "q".req.yaml'), CHECKOUT);
    writeFileSync(join(dir, 'shared.yaml'), CHECKOUT.replace(/CHK-/g, 'SH-'));
    symlinkSync('shared.yaml', join(dir, 'linked.req.yaml'));
    commitAll(dir, 'base');
    const r = await diff(dir, '--format', 'json');
    assert.deepEqual(r.stderr, []);
    assert.equal(r.json.base.files, 2);
    assert.equal(r.json.base.requirements, 4);
    assert.match(await diff(dir).then((x) => x.stdout), /does not touch the roadmap/);
  });

  it('reads the bytes at the base as those in the working tree are read: a file that was not UTF-8 is named, not taken for new', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'checkout.req.yaml'), Buffer.from(CHECKOUT.replace('Apple Pay', 'Apple Pay für Zürich'), 'latin1'));
    commitAll(dir, 'base');
    writeFileSync(join(dir, 'checkout.req.yaml'), CHECKOUT.replace('Apple Pay', 'Apple Pay für Zürich'));
    const r = await diff(dir, '--format', 'json');
    assert.deepEqual(r.stderr, []);
    assert.deepEqual(r.json.unread.base.map((f: { path: string; message: string }) => [f.path, /not UTF-8|UTF-8/.test(f.message)]), [['checkout.req.yaml', true]]);
    assert.deepEqual([r.json.added, r.json.entered], [[], []], 'its requirements are not compared, not added');
  });

  it('writes --out atomically, the format from its extension; HTML is self-contained with no script', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'checkout.req.yaml'), CHECKOUT);
    commitAll(dir, 'base');
    writeFileSync(join(dir, 'checkout.req.yaml'), CHECKOUT.replace('status: validated', 'status: roadmap'));
    const out = join(dir, 'out');
    mkdirSync(out);
    const r = await diff(dir, '--out', 'out/diff.html');
    assert.equal(r.stdout, '');
    assert.equal(r.exit, 1);
    const html = readFileSync(join(out, 'diff.html'), 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /Content-Security-Policy" content="default-src &#39;none&#39;|Content-Security-Policy" content="default-src 'none'/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /This change puts 1 requirement on the roadmap; 1 is blocked by the gate \(CHK-2: 1 deal, no market evidence\)\./);
    await diff(dir, '--out', 'out/diff.json');
    assert.equal(JSON.parse(readFileSync(join(out, 'diff.json'), 'utf8')).entered[0].id, 'CHK-2');
    const md = await diff(dir, '--out', 'out/diff.md');
    assert.equal(md.exit, 1);
    assert.match(readFileSync(join(out, 'diff.md'), 'utf8'), /^## Roadmap diff\n/);
  });
});

describe('inbound diff: what stops it (exit 2, one line)', () => {
  const oneLine = (r: { exit: number; stdout: string; stderr: string[] }, pattern: RegExp) => {
    assert.equal(r.exit, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.length, 1, r.stderr.join('\n'));
    assert.match(r.stderr[0], pattern);
  };

  it('outside a git repository', async () => {
    const dir = tempDir();
    made.push(dir);
    writeFileSync(join(dir, 'checkout.req.yaml'), CHECKOUT);
    oneLine(await diff(dir), /^inbound: not in a git repository: inbound diff compares the working tree with a git revision/);
  });

  it('an unknown ref, and a ref that is an option', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'checkout.req.yaml'), CHECKOUT);
    commitAll(dir, 'base');
    oneLine(await diff(dir, '--base', 'no-such-branch'), /^inbound: unknown revision 'no-such-branch'/);
    oneLine(await diff(dir, '--base=--output=/tmp/x'), /is not a revision/);
  });

  it('a repository without a default branch or a commit', async () => {
    const dir = tempDir();
    made.push(dir);
    git(dir, 'init', '-q', '-b', 'trunk');
    writeFileSync(join(dir, 'checkout.req.yaml'), CHECKOUT);
    oneLine(await diff(dir), /no default branch to compare with .*--base REF/);
    oneLine(await diff(dir, '--base', 'HEAD'), /unknown revision 'HEAD'/);
  });

  it('a shallow clone without the base says how to fetch it; after fetching, it works', async () => {
    const origin = repo();
    writeFileSync(join(origin, 'checkout.req.yaml'), CHECKOUT);
    const base = commitAll(origin, 'base');
    git(origin, 'checkout', '-q', '-b', 'feature');
    writeFileSync(join(origin, 'checkout.req.yaml'), CHECKOUT.replace('status: validated', 'status: roadmap'));
    const promoted = commitAll(origin, 'promote');
    writeFileSync(join(origin, 'notes.txt'), 'more\n');
    commitAll(origin, 'notes');
    // The remote's HEAD is main, as on a hosted repository: origin/HEAD is origin/main in the clone.
    git(origin, 'checkout', '-q', 'main');
    const clone = tempDir();
    made.push(clone);
    git(clone, 'clone', '-q', '--depth', '1', '--no-single-branch', '--branch', 'feature', `file://${origin}`, '.');

    oneLine(await diff(clone), /^inbound: HEAD and origin\/main have no merge base in this shallow clone: fetch it first: git fetch --unshallow, or git fetch origin main --depth=50$/);
    // A commit the clone's depth left out (the feature branch's parent).
    oneLine(
      await diff(clone, '--base', promoted),
      new RegExp(`^inbound: the base '${promoted}' is not in this shallow clone: fetch it first: git fetch --unshallow, or git fetch origin ${promoted} --depth=50$`),
    );

    git(clone, 'fetch', '-q', '--unshallow');
    const r = await diff(clone, '--format', 'json');
    assert.deepEqual(r.stderr, []);
    assert.equal(r.json.base.commit, base);
    assert.deepEqual(r.json.entered.map((e: { id: string }) => e.id), ['CHK-2']);
  });

  it('a path outside the repository, and paths that find no requirement file on either side', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'checkout.req.yaml'), CHECKOUT);
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'readme.md'), '# docs\n');
    commitAll(dir, 'base');
    oneLine(await diff(dir, '..'), /lies outside the git repository/);
    oneLine(await diff(dir, 'docs'), /^inbound: no requirement files in docs at the base or in the working tree \(looked for \*\*\/\*\.req\.yaml, \*\*\/\*\.req\.yml\)$/);
    oneLine(await diff(dir, '--format', 'pdf'), /unknown format 'pdf'/);
    oneLine(await diff(dir, '--fail-on', 'warnings'), /--fail-on takes blocked, at-risk, never/);
  });

  it('a folder the change deletes is compared: its requirements are removed', async () => {
    const dir = repo();
    mkdirSync(join(dir, 'old'));
    writeFileSync(join(dir, 'old', 'checkout.req.yaml'), CHECKOUT);
    commitAll(dir, 'base');
    rmSync(join(dir, 'old'), { recursive: true });
    const r = await diff(dir, 'old', '--format', 'json');
    assert.deepEqual(r.stderr, []);
    assert.deepEqual(r.json.removed.map((x: { id: string }) => x.id), ['CHK-1', 'CHK-2']);
    assert.deepEqual(r.json.left.map((x: { id: string }) => x.id), ['CHK-1']);
  });
});

describe('inbound diff --help', () => {
  it('explains itself, as every command does', async () => {
    for (const argv of [['diff', '--help'], ['help', 'diff']]) {
      const r = await runInProcess(process.cwd(), argv);
      assert.equal(r.exit, 0);
      assert.match(r.stdout, /^Usage: inbound diff \[--base REF\] \[paths…\]/);
      assert.match(r.stdout, /--fail-on LEVEL/);
      assert.match(r.stdout, /git fetch --unshallow/);
    }
    const usage = await runInProcess(process.cwd(), ['--help']);
    assert.match(usage.stdout, /inbound diff \[--base REF\]/);
  });
});
