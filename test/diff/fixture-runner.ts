/** The roadmap diff's fixture folders (test/fixtures/diff/), each run in a fresh git repository. */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../cli/run-cli';
import { repoFromFolders, TODAY } from './git-repo';

const ROOT = join(__dirname, '..', 'fixtures', 'diff');

export interface Case {
  description: string;
  /** The exit code with the default --fail-on (blocked). */
  exit: number;
  args?: string[];
  /** Where the command runs, relative to the repository. */
  cwd?: string;
}

export function fixtureCases(): { name: string; dir: string; spec: Case }[] {
  return readdirSync(ROOT)
    .filter((name) => statSync(join(ROOT, name)).isDirectory())
    .sort()
    .map((name) => ({ name, dir: join(ROOT, name), spec: JSON.parse(readFileSync(join(ROOT, name, 'case.json'), 'utf8')) as Case }));
}

/** Runs `inbound diff` on a fixture in a fresh repository; the base commit is written `<base>`. */
export async function runFixture(dir: string, spec: Case, extra: string[] = []) {
  const repo = repoFromFolders(join(dir, 'base'), join(dir, 'head'));
  try {
    const result = await runInProcess(join(repo.dir, spec.cwd ?? '.'), ['diff', ...(spec.args ?? []), '--today', TODAY, ...extra]);
    return { ...result, stdout: result.stdout.split(repo.baseCommit).join('<base>').split(repo.baseCommit.slice(0, 8)).join('<base>') };
  } finally {
    rmSync(repo.dir, { recursive: true, force: true });
  }
}

