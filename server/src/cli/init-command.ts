/**
 * `inbound init [folder]`: sets a team's repository up for Inbound in one step. It writes a
 * commented `inbound.config.yaml`, a first requirement file that teaches the format, and a GitHub
 * Actions workflow, and never overwrites anything: what is already there is left alone and named,
 * so running it twice changes nothing.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { glob } from 'tinyglobby';
import { DEFAULT_POLICY } from '../../../schemas/config';
import { CONFIG_FILE_NAME } from '../engine/policy';
import { todayIso } from '../engine/clock';
import { UsageError } from '../node/usage-error';
import { checkToday } from './check-command';
import { configTemplate, exampleTemplate, workflowTemplate } from './init-templates';
import type { CliIo } from './io';

export const EXAMPLE_FILE = 'requirements/example.req.yaml';
export const WORKFLOW_FILE = '.github/workflows/inbound.yml';

type Outcome = { path: string; what: string } & ({ kind: 'wrote' } | { kind: 'kept' } | { kind: 'skipped'; why: string });

export async function initCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { today: { type: 'string' } },
  });
  if (positionals.length > 1) throw new UsageError(`init takes one folder, not ${positionals.length}: ${positionals.join(' ')}`);
  const today = checkToday(values.today) ?? todayIso();
  const root = resolve(io.cwd, positionals[0] ?? '.');
  if (existsSync(root) && !statSync(root).isDirectory()) throw new UsageError(`${positionals[0]} is a file, not a folder`);
  mkdirSync(root, { recursive: true });

  // The workflow belongs at the repository's root, where GitHub looks for it; the check and the
  // report then name this folder. Outside a repository it goes here, ready for the first push.
  const repo = gitRoot(root);
  const workflowRoot = repo ?? root;
  const project = relative(workflowRoot, root).split(sep).join('/') || '.';
  const major = /^(\d+)\./.exec(io.version)?.[1] ?? '0';

  const config = create(root, CONFIG_FILE_NAME, configTemplate(), 'the settings, each explained');
  // A project that already has requirements needs no lesson, and no requirement that fails on
  // purpose and would turn its CI red.
  const existing = exists(join(root, EXAMPLE_FILE)) ? [] : await requirementFiles(root);
  const example: Outcome =
    existing.length > 0
      ? { kind: 'skipped', path: join(root, EXAMPLE_FILE), what: '', why: `this folder already has requirement files (${existing[0]}${existing.length > 1 ? ` and ${existing.length - 1} more` : ''})` }
      : create(root, EXAMPLE_FILE, exampleTemplate(today), 'a first requirement file that shows the format');
  const workflow = create(workflowRoot, WORKFLOW_FILE, workflowTemplate(major, project), 'checks the requirements on every push and pull request');
  const outcomes = [config, example, workflow];

  const shown = (path: string) => relative(io.cwd, path).split(sep).join('/') || '.';
  for (const o of outcomes) {
    if (o.kind === 'wrote') io.stdout(`Wrote       ${shown(o.path)} — ${o.what}\n`);
    else if (o.kind === 'kept') io.stdout(`Left alone  ${shown(o.path)} — it is already there\n`);
    else io.stdout(`Left out    ${shown(o.path)} — ${o.why}\n`);
  }
  const wrote = outcomes.filter((o) => o.kind === 'wrote');
  if (wrote.length === 0) {
    io.stdout('Everything was already there: nothing changed.\n');
    return 0;
  }
  if (!repo && workflow.kind === 'wrote') {
    io.stdout('This folder is not a git repository yet: the workflow runs once it is pushed to GitHub.\n');
  }
  const cli = hasLocalCli(root, repo) ? 'npx inbound' : 'npx inbound-cli';
  if (example.kind === 'wrote') {
    io.stdout(`\nNext: open ${shown(example.path)} in VS Code, or run: ${cli} check\n`);
    io.stdout('EX-2 in it is flagged on purpose; its comments say why and how to fix it.\n');
  } else {
    io.stdout(`\nNext: run ${cli} check\n`);
  }
  return 0;
}

/** Writes `name` under `base` unless something (a file, a folder, a link) is already there. */
function create(base: string, name: string, text: string, what: string): Outcome {
  const path = join(base, name);
  if (exists(path)) return { kind: 'kept', path, what };
  makeFolder(base, name.split('/').slice(0, -1));
  try {
    // 'wx': created here or not at all. Between the check above and now, another process may have
    // written the file; it is then left as that process wrote it.
    writeFileSync(path, text, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { kind: 'kept', path, what };
    throw e;
  }
  return { kind: 'wrote', path, what };
}

/**
 * Creates the folders of `segments` under `base` one by one. A linked folder in the way
 * (.github -> somewhere else) must not carry a file, or a folder, out of the repository.
 */
function makeFolder(base: string, segments: string[]): void {
  const realBase = realpathSync(base);
  let dir = base;
  for (const segment of segments) {
    dir = join(dir, segment);
    if (!exists(dir)) {
      mkdirSync(dir);
      continue;
    }
    const real = realpathSync(dir);
    if (real !== realBase && !real.startsWith(realBase + sep)) {
      throw new UsageError(`${relative(base, dir)} leads outside ${base} (a symbolic link); nothing was written there`);
    }
    if (!statSync(dir).isDirectory()) throw new UsageError(`${relative(base, dir)} is in the way: a file where a folder is needed`);
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The nearest folder at or above `from` with a `.git` (a folder, or a file in a worktree). */
function gitRoot(from: string): string | undefined {
  for (let dir = from; ; ) {
    if (exists(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Requirement files already in the folder, by the default globs: a few are enough to know. */
async function requirementFiles(root: string): Promise<string[]> {
  const found = await glob(DEFAULT_POLICY.files, { cwd: root, ignore: DEFAULT_POLICY.ignore, onlyFiles: true, followSymbolicLinks: false });
  return found.sort();
}

/** Whether `npx inbound` runs inbound-cli here: it is a dependency of the folder's or repository's package. */
function hasLocalCli(root: string, repo: string | undefined): boolean {
  for (const dir of new Set([root, repo ?? root])) {
    if (existsSync(join(dir, 'node_modules', 'inbound-cli', 'package.json'))) return true;
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
      if (pkg.devDependencies?.['inbound-cli'] || pkg.dependencies?.['inbound-cli']) return true;
    } catch {
      // No package.json, or not one npm could read either.
    }
  }
  return false;
}
