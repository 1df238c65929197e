/**
 * The base of a roadmap diff: the requirement files and configs at a git revision, and the projects
 * they make. git is run with arguments, never through a shell (a ref or a path is never a command),
 * and only to read: rev-parse, merge-base, ls-tree, cat-file.
 *
 * Projects at the base are drawn by the same rules as on disk (project-tree.ts): the nearest config
 * above a file applies, a project's files are its globs minus `ignore` minus the folders of deeper
 * configs. `planTreeProjects` applies them to a list of paths instead of a folder search, with the
 * same selectors, so the base is split into projects exactly as a checkout of it would be.
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { Workspace } from '../engine';
import { MAX_CONFIG_KB } from '../engine/policy';
import type { FileSource } from '../engine/source';
import { CONFIG_FILE_NAME, configSelector, fileSelector, globPath, isConfigFile, isInside } from './project-tree';
import { decode } from './read-text';

/** A failure the user can act on: one line, no stack (the CLI makes it exit 2). */
export class GitProblem extends Error {}

export interface GitOptions {
  cwd: string;
  input?: string;
}

/** Runs git with these arguments and resolves to its standard output; rejects with git's first line of complaint. */
export function git(args: readonly string[], options: GitOptions): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    let child;
    try {
      child = spawn('git', args, {
        cwd: options.cwd,
        shell: false,
        stdio: ['pipe', 'pipe', 'pipe'],
        // Only reading: no optional locks (another git in the same checkout is not disturbed), no
        // prompts for credentials, no pager, the user's language aside so messages are as expected.
        env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' },
      });
    } catch (e) {
      reject(e);
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'ENOENT' ? new GitProblem('git is not installed (or not on PATH): inbound diff reads the base revision with it') : e);
    });
    child.on('close', (code) => {
      if (code === 0) resolvePromise(Buffer.concat(out));
      else {
        const message = Buffer.concat(err).toString('utf8').trim().split('\n')[0] ?? '';
        reject(Object.assign(new GitProblem(message || `git ${args[0]} failed (exit ${code})`), { exitCode: code }));
      }
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

async function gitText(args: readonly string[], cwd: string): Promise<string> {
  return (await git(args, { cwd })).toString('utf8').trim();
}

export interface Repository {
  /** The working tree's top folder, as seen from `cwd` (no links resolved, so paths compare with the CLI's). */
  top: string;
  shallow: boolean;
}

export async function repositoryAt(cwd: string): Promise<Repository> {
  let out: string;
  try {
    out = await gitText(['rev-parse', '--show-cdup', '--is-shallow-repository', '--is-inside-work-tree'], cwd);
  } catch (e) {
    if (e instanceof GitProblem && /not a git repository/i.test(e.message)) {
      throw new GitProblem('not in a git repository: inbound diff compares the working tree with a git revision; run it inside a clone');
    }
    throw e;
  }
  const lines = out.split('\n');
  // --show-cdup prints an empty line at the top; trimming may have taken it.
  const [cdup, shallow, inside] = lines.length === 3 ? lines : ['', ...lines];
  if (inside !== 'true') throw new GitProblem('not in a git working tree: inbound diff compares the working tree with a git revision');
  return { top: resolve(cwd, cdup || '.'), shallow: shallow === 'true' };
}

/** The commit a ref names, or undefined when there is none by that name. */
async function commitOf(cwd: string, ref: string): Promise<string | undefined> {
  try {
    return await gitText(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd);
  } catch {
    return undefined;
  }
}

function fetchAdvice(ref: string): string {
  const branch = ref.replace(/^origin\//, '');
  return `fetch it first: git fetch --unshallow, or git fetch origin ${/^[0-9a-f]{7,40}$/i.test(ref) ? ref : branch} --depth=50`;
}

export interface Base {
  /** What the diff calls it: the ref given, or `merge base with main`. */
  label: string;
  commit: string;
}

/**
 * `--base REF` as given; without it, the merge base of HEAD with the default branch (`origin/HEAD`
 * when the clone has it, else `main`, else `master`): what a pull request from this branch changes.
 */
export async function resolveBase(cwd: string, repo: Repository, ref?: string): Promise<Base> {
  if (ref !== undefined) {
    if (ref === '' || ref.startsWith('-')) throw new GitProblem(`'${ref}' is not a revision: --base takes a branch, tag or commit`);
    const commit = await commitOf(cwd, ref);
    if (!commit) {
      throw new GitProblem(
        repo.shallow
          ? `the base '${ref}' is not in this shallow clone: ${fetchAdvice(ref)}`
          : `unknown revision '${ref}': --base takes a branch, tag or commit of this repository`,
      );
    }
    return { label: ref, commit };
  }
  let branch: string | undefined;
  for (const candidate of ['origin/HEAD', 'main', 'master']) {
    if (await commitOf(cwd, candidate)) {
      branch = candidate;
      break;
    }
  }
  if (!branch) throw new GitProblem('no default branch to compare with (neither origin/HEAD, main nor master): name the base with --base REF');
  if (branch === 'origin/HEAD') {
    branch = (await gitText(['rev-parse', '--abbrev-ref', 'origin/HEAD'], cwd).catch(() => 'origin/HEAD')) || 'origin/HEAD';
  }
  if (!(await commitOf(cwd, 'HEAD'))) throw new GitProblem('this repository has no commit yet: there is no base to compare with');
  let commit: string;
  try {
    commit = await gitText(['merge-base', 'HEAD', branch], cwd);
  } catch {
    commit = '';
  }
  if (!commit) {
    throw new GitProblem(
      repo.shallow
        ? `HEAD and ${branch} have no merge base in this shallow clone: ${fetchAdvice(branch)}`
        : `HEAD and ${branch} have no common history: name the base with --base REF`,
    );
  }
  return { label: `merge base with ${branch}`, commit };
}

export interface TreeEntry {
  /** Absolute, under the repository's top. */
  path: string;
  oid: string;
  size: number;
  /** A symbolic link: its blob is the path it points to. */
  link: boolean;
}

/** Every file of the revision (links included, submodules not), by absolute path. */
export async function listTree(cwd: string, repo: Repository, commit: string): Promise<Map<string, TreeEntry>> {
  const out = await git(['ls-tree', '-r', '-l', '-z', '--full-tree', commit], { cwd });
  const entries = new Map<string, TreeEntry>();
  let start = 0;
  while (start < out.length) {
    let end = out.indexOf(0, start);
    if (end < 0) end = out.length;
    const record = out.toString('utf8', start, end);
    start = end + 1;
    // <mode> SP <type> SP <object> SP+ <size> TAB <path>
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid, size] = record.slice(0, tab).split(/ +/);
    if (type !== 'blob') continue;
    const path = join(repo.top, ...record.slice(tab + 1).split('/'));
    entries.set(path, { path, oid, size: Number(size) || 0, link: mode === '120000' });
  }
  return entries;
}

/** The blobs' contents, in one `git cat-file --batch` for all of them. */
export async function readBlobs(cwd: string, oids: readonly string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(oids)];
  const blobs = new Map<string, Buffer>();
  if (!unique.length) return blobs;
  const out = await git(['cat-file', '--batch'], { cwd, input: unique.join('\n') + '\n' });
  let at = 0;
  while (at < out.length) {
    const nl = out.indexOf(10, at);
    if (nl < 0) break;
    const header = out.toString('utf8', at, nl).split(' ');
    at = nl + 1;
    if (header[1] === 'missing' || header.length < 3) continue;
    const size = Number(header[2]);
    blobs.set(header[0], out.subarray(at, at + size));
    at += size + 1;
  }
  return blobs;
}

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** A link's target, or a config: UTF-8, the byte order mark dropped. */
export function blobText(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/**
 * A requirement file's bytes as a file on disk is read (read-text.ts): UTF-8, and a file in UTF-16
 * or with bytes that are not UTF-8 told to the engine, so it is the one finding it is in the working tree.
 */
export function blobRead(bytes: Uint8Array): TreeText {
  const { text, encoding } = decode(bytes);
  return encoding ? { text, source: { encoding } } : { text };
}

// ----- projects of a tree -----------------------------------------------------------------------

export interface TreeText {
  text: string;
  source?: FileSource;
}

export interface TreePlanOptions {
  /** Every file of the tree, by absolute path. */
  files: Iterable<string>;
  /** A config's text, for the configs among `files`. */
  configText: (file: string) => TreeText | undefined;
  /** Files or folders (absolute) whose requirements are compared; a path the tree lacks selects nothing. */
  paths: readonly string[];
  /** Where the command runs: a loose path's project starts here when the path lies inside it. */
  cwd: string;
  /** The tree's top: no config is looked for above it. */
  top: string;
  today?: string;
}

export interface PlannedProject {
  root: string;
  config?: string;
  /** The config read, files not yet. */
  workspace: Workspace;
  /** The project's requirement files: every one is read, so cross-file rules see the whole project. */
  files: string[];
  /** Those the paths select, sorted. */
  selected: string[];
}

export interface TreePlan {
  projects: PlannedProject[];
  /** Per path: how many requirement files it selects. */
  found: number[];
}

/**
 * The projects a list of files makes, as `loadProjects` draws them on disk: each path's project is
 * the nearest config above it (below `top`), else the current folder (or the path's own folder
 * outside it); a folder selects its files and those of the projects below it; a file selects itself,
 * a config its project.
 */
export function planTreeProjects(options: TreePlanOptions): TreePlan {
  const files = [...new Set(options.files)].sort();
  const fileSet = new Set(files);
  const configDirs = new Set(files.filter(isConfigFile).map((f) => dirname(f)));
  const hasUnder = (folder: string) => files.some((f) => isInside(f, folder) && f !== folder);

  const nearestConfig = (folder: string): string | undefined => {
    for (let dir = folder; isInside(dir, options.top); dir = dirname(dir)) {
      if (configDirs.has(dir)) return join(dir, CONFIG_FILE_NAME);
      if (dirname(dir) === dir) break;
    }
    return undefined;
  };
  const defaultRoot = (folder: string) => (isInside(folder, options.cwd) ? options.cwd : folder);

  const paths = options.paths.map((abs) => ({
    abs,
    kind: fileSet.has(abs) ? ('file' as const) : abs === options.top || hasUnder(abs) ? ('folder' as const) : ('missing' as const),
  }));
  const owners = paths.map(({ abs, kind }) => {
    const folder = kind === 'file' ? dirname(abs) : abs;
    const config = nearestConfig(folder);
    return config ? { root: dirname(config), config: config as string | undefined } : { root: defaultRoot(folder), config: undefined };
  });
  const loose = [...new Set(owners.filter((o) => !o.config).map((o) => o.root))].sort((a, b) => a.length - b.length);
  for (const o of owners) if (!o.config) o.root = loose.find((r) => isInside(o.root, r)) ?? o.root;

  interface Draft extends PlannedProject {
    nested: string[];
    chosen: Set<string>;
  }
  const drafts = new Map<string, Draft>();
  const project = (root: string, config: string | undefined): Draft => {
    let draft = drafts.get(root);
    if (draft) return draft;
    const workspace = new Workspace({ today: options.today });
    const read = config ? options.configText(config) : undefined;
    if (config && read) workspace.setConfig(config, read.text, read.source);
    const policy = workspace.policy;
    const takes = fileSelector(policy);
    const findsConfig = configSelector(policy);
    const inRoot = files.filter((f) => isInside(f, root) && f !== root);
    const deeper = new Set(inRoot.filter((f) => isConfigFile(f) && dirname(f) !== root && findsConfig(globPath(root, f))).map((f) => dirname(f)));
    const inDeeper = (file: string) => {
      for (let dir = dirname(file); dir.length > root.length && isInside(dir, root); dir = dirname(dir)) if (deeper.has(dir)) return true;
      return false;
    };
    const own = inRoot.filter((f) => !isConfigFile(f) && takes(globPath(root, f)) && !inDeeper(f));
    // The outermost deeper configs: those with no other deeper config between them and the root.
    const nested = [...deeper].filter((d) => !inDeeper(d)).sort();
    draft = { root, config: read ? config : undefined, workspace, files: own, selected: [], nested, chosen: new Set() };
    drafts.set(root, draft);
    return draft;
  };
  const selectFolder = (draft: Draft, folder: string, withNested = true): number => {
    let count = 0;
    for (const f of draft.files) {
      if (isInside(f, folder)) {
        draft.chosen.add(f);
        count++;
      }
    }
    if (!withNested) return count;
    for (const root of draft.nested) if (isInside(root, folder)) count += selectFolder(project(root, join(root, CONFIG_FILE_NAME)), root);
    return count;
  };

  const found = paths.map((path, i) => {
    if (path.kind === 'missing') return 0;
    const draft = project(owners[i].root, owners[i].config);
    if (path.kind === 'folder') return selectFolder(draft, path.abs);
    if (isConfigFile(path.abs)) return path.abs === draft.config ? selectFolder(draft, draft.root, false) : selectFolder(draft, dirname(path.abs));
    // A file named is compared even when the globs do not take it, as `check` checks it.
    if (!draft.files.includes(path.abs)) draft.files.push(path.abs);
    draft.chosen.add(path.abs);
    return 1;
  });
  const projects = [...drafts.values()]
    .sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0))
    .map(({ root, config, workspace, files: own, chosen }) => ({ root, config, workspace, files: own, selected: [...chosen].sort() }));
  return { projects, found };
}

// ----- the base, read ---------------------------------------------------------------------------

export interface BaseProjects extends TreePlan {
  base: Base;
  /**
   * The text of every requirement file of the projects, as the base has it: a file the map lacks
   * (a link out of its project, or to nothing) is not read, as on disk. The projects' workspaces
   * hold their configs only; `fillProject` gives them their files.
   */
  texts: Map<string, TreeText>;
}

/** Gives a planned project its files' texts at the base. */
export function fillProject(project: PlannedProject, texts: ReadonlyMap<string, TreeText>): void {
  for (const file of project.files) {
    const t = texts.get(file);
    if (t) project.workspace.setFile(file, t.text, t.source);
  }
}

/**
 * The projects at the base revision, every file read from git: configs first (they decide which
 * files are requirement files), then every requirement file of the projects the paths touch, in one
 * batch. A link is followed only to a file of the tree inside its project, as on disk.
 */
export async function loadBaseProjects(options: {
  cwd: string;
  repo: Repository;
  base: Base;
  /** Absolute. */
  paths: readonly string[];
  today?: string;
}): Promise<BaseProjects> {
  const { cwd, repo } = options;
  const tree = await listTree(cwd, repo, options.base.commit);
  const target = (entry: TreeEntry, blobs: Map<string, Buffer>): TreeEntry | undefined => {
    if (!entry.link) return entry;
    const to = blobs.get(entry.oid);
    if (!to) return undefined;
    const pointed = resolve(dirname(entry.path), ...blobText(to).split('/'));
    const real = tree.get(pointed);
    return real && !real.link ? real : undefined;
  };
  const linkBlobs = await readBlobs(cwd, [...tree.values()].filter((e) => e.link).map((e) => e.oid));

  const configs = [...tree.values()].filter((e) => isConfigFile(e.path));
  const configBlobs = await readBlobs(
    cwd,
    configs.flatMap((e) => {
      const real = target(e, linkBlobs);
      return real && isInside(real.path, dirname(e.path)) && real.size <= MAX_CONFIG_KB * 1024 ? [real.oid] : [];
    }),
  );
  const configText = (file: string): TreeText | undefined => {
    const entry = tree.get(file);
    const real = entry && target(entry, linkBlobs);
    if (!real || !isInside(real.path, dirname(file))) return undefined;
    if (real.size > MAX_CONFIG_KB * 1024) return { text: '', source: { size: real.size } };
    const bytes = configBlobs.get(real.oid);
    return bytes ? { text: blobText(bytes) } : undefined;
  };
  const plan = planTreeProjects({ files: tree.keys(), configText, paths: options.paths, cwd, top: repo.top, today: options.today });

  const reads: { project: PlannedProject; file: string; entry: TreeEntry }[] = [];
  for (const project of plan.projects) {
    for (const file of project.files) {
      const entry = tree.get(file);
      const real = entry && target(entry, linkBlobs);
      // A link out of its project (or to nothing) is not read, as on disk.
      if (!real || !isInside(real.path, project.root)) continue;
      reads.push({ project, file, entry: real });
    }
  }
  const limit = (p: PlannedProject) => p.workspace.policy.maxFileKb * 1024;
  const blobs = await readBlobs(cwd, reads.filter((r) => r.entry.size <= limit(r.project)).map((r) => r.entry.oid));
  const texts = new Map<string, TreeText>();
  for (const { project, file, entry } of reads) {
    if (entry.size > limit(project)) texts.set(file, { text: '', source: { size: entry.size } });
    else texts.set(file, blobRead(blobs.get(entry.oid) ?? Buffer.alloc(0)));
  }
  return { ...plan, base: options.base, texts };
}
