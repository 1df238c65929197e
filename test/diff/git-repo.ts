/**
 * Real git repositories in temporary folders for the roadmap diff's tests: `git init`, commits made
 * with a name and e-mail on the command line and fixed dates, so no global config is needed (the
 * user's is ignored) and every run makes the same commits.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TODAY = '2026-11-23';

/** git as the tests run it: no global or system config, fixed identity and dates. */
export const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_DATE: '2026-11-20T10:00:00Z',
  GIT_COMMITTER_DATE: '2026-11-20T10:00:00Z',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Inbound Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    env: GIT_ENV,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

export function tempDir(prefix = 'inbound-diff-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A new repository on branch `main`. */
export function makeRepo(dir = tempDir()): string {
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

/** Every file of the working tree goes; `.git` stays. */
export function clearTree(dir: string): void {
  for (const name of readdirSync(dir)) if (name !== '.git') rmSync(join(dir, name), { recursive: true, force: true });
}

export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

/**
 * A repository whose `main` holds `base` (a folder) and whose branch `feature` holds `head`, checked
 * out: what a pull request from `feature` looks like. Returns the folder and the base commit.
 */
export function repoFromFolders(base: string, head: string, { commitHead = true } = {}): { dir: string; baseCommit: string } {
  const dir = makeRepo();
  cpSync(base, dir, { recursive: true });
  const baseCommit = commitAll(dir, 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  clearTree(dir);
  cpSync(head, dir, { recursive: true });
  if (commitHead) commitAll(dir, 'head');
  return { dir, baseCommit };
}
