/**
 * Where projects begin and end. Each `inbound.config.yaml` makes its folder a project; a file
 * belongs to the project of the nearest config above it, and that config alone applies to it. A
 * project's files are its `files` globs searched from its folder, minus `ignore`, minus the folders
 * of deeper configs (they are projects of their own). The CLI and the language server both ask here,
 * so the editor and CI draw the same boundaries.
 */
import { existsSync, realpath, realpathSync, stat, statSync } from 'node:fs';
import { realpath as realpathAsync } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { glob, globSync } from 'tinyglobby';
import type { GlobOptions } from 'tinyglobby';
import { globLeavesFolder } from '../../../schemas/config';
import type { Policy } from '../../../schemas/config';
import { CONFIG_FILE_NAME } from '../engine/policy';

export { CONFIG_FILE_NAME };

/** Whether `path` is `dir` or lies below it. */
export function isInside(path: string, dir: string): boolean {
  const r = relative(dir, path);
  return r === '' || (!r.startsWith('..') && !r.startsWith(sep) && !/^[A-Za-z]:/.test(r));
}

/** A file named `inbound.config.yaml` is a project's config, never a requirement file. */
export function isConfigFile(path: string): boolean {
  return basename(path) === CONFIG_FILE_NAME;
}

/** The nearest `inbound.config.yaml` in `start` (a folder, or a file's folder) or a folder above it. */
export function findConfig(start: string): string | undefined {
  let dir = resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = dirname(dir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The deepest of `roots` that holds `path` (a root holds itself); deepest wins, as for configs. */
export function deepestRoot(path: string, roots: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const root of roots) if (isInside(path, root) && (best === undefined || root.length > best.length)) best = root;
  return best;
}

/** A path relative to a project's folder, as globs see it: forward slashes. */
export function globPath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

/**
 * A project's globs without those that leave its folder (`../x`, an absolute path, `**\/../..`):
 * a project is its folder and what lies below it, in the editor and the CLI alike. The config shows
 * such a glob as a finding (schemas/config.ts), and the default globs apply; this holds the line for
 * any policy, whatever its origin. An ignore glob that leaves is dropped too: it ignores nothing
 * here, and a search would otherwise start from the folder it names.
 */
export function insideGlobs(globs: readonly string[]): string[] {
  return globs.filter((g) => !globLeavesFolder(g));
}

/** Whether a policy's globs take a file (given relative to the project's folder, see `globPath`). */
export function fileSelector(policy: Pick<Policy, 'files' | 'ignore'>): (path: string) => boolean {
  const take = picomatch(insideGlobs(policy.files), { dot: false });
  const skip = picomatch(insideGlobs(policy.ignore), { dot: true });
  return (path) => take(path) && !skip(path);
}

/** Whether a search from a project's folder finds this (relative) path as a deeper project's config. */
export function configSelector(policy: Pick<Policy, 'ignore'>): (path: string) => boolean {
  const take = picomatch(`**/${CONFIG_FILE_NAME}`, { dot: false });
  const skip = picomatch(insideGlobs(policy.ignore), { dot: true });
  return (path) => take(path) && !skip(path);
}

export interface ProjectScan {
  /**
   * Requirement files: selected by the globs, not ignored, not in a deeper project. Sorted. A
   * symbolic link among them leads to a file inside the project (see `linkRule`).
   */
  files: string[];
  /**
   * Symbolic links the globs select that lead out of the project: not read, and named so that a
   * run can say so (a link from a pull request to ~/.env must not pass unseen, nor be read). Sorted.
   */
  outside?: string[];
  /**
   * Folders of the configs found below the project's own, the outermost ones: the projects just
   * inside this one. Each of them, searched in turn, finds the ones inside it. Sorted.
   */
  nested: string[];
}

export interface ScanOptions {
  /**
   * Look for deeper configs (default). Off for `--config F`: one config applies to every path, and
   * the configs below are not consulted.
   */
  nested?: boolean;
}

/**
 * The one rule for symbolic links, for every way Inbound comes to a file (a folder search, a file
 * named on the command line, the editor's watcher, a document closed and read again): a link is
 * followed only to a file inside the project's folder, judged by real paths (every link resolved,
 * the folder's own path too). A link that leads out of the folder is not followed: a pull request
 * can hold `env.req.yaml -> ~/.env`, and whatever a followed link leads to is read, parsed and
 * quoted back in findings. A search does not enter a linked folder either: inside the project, the
 * folder it leads to is searched where it is (so nothing is found twice, and no loop is walked);
 * outside, it is not the project's. Links that lead nowhere or in a loop are not files.
 *
 * Here for the search: resolving a link (fdir asks through tinyglobby's `fs` option) fails for a
 * linked folder and for a target outside, so the search passes over them, and the outside links
 * are noted. Reading checks the same rule again (read-text.ts), whatever found the file.
 */
function linkRule(realRoot: string, outside: string[]) {
  const refuse = (link: string, real: string, folder: boolean): Error | undefined => {
    if (folder) return Object.assign(new Error(`a linked folder is not searched: ${link}`), { code: 'ELINKEDFOLDER' });
    if (!isInside(real, realRoot)) {
      outside.push(resolve(link));
      return Object.assign(new Error(`a link out of the project: ${link}`), { code: 'EOUTSIDE' });
    }
    return undefined;
  };
  return {
    realpathSync(link: string): string {
      const real = realpathSync.native(link);
      const problem = refuse(link, real, statSync(real).isDirectory());
      if (problem) throw problem;
      return real;
    },
    realpath(link: string, done: (error: Error | null, real?: string) => void): void {
      realpath.native(link, (error, real) => {
        if (error) return done(error);
        stat(real, (e, stats) => {
          if (e) return done(e);
          const problem = refuse(link, real, stats.isDirectory());
          done(problem ?? null, problem ? undefined : real);
        });
      });
    },
  };
}

/**
 * One walk of the folder finds both the requirement files and the deeper configs, so a monorepo
 * costs no second pass. A folder the config ignores is not searched for either.
 */
function crawl(root: string, realRoot: string, policy: Pick<Policy, 'files' | 'ignore'>, nested: boolean, outside: string[]) {
  const files = insideGlobs(policy.files);
  const patterns = nested ? [...files, `**/${CONFIG_FILE_NAME}`] : files;
  const options = {
    cwd: root,
    ignore: insideGlobs(policy.ignore),
    absolute: true,
    dot: false,
    followSymbolicLinks: true,
    onlyFiles: true,
    // Only the two functions fdir calls on a link are ours; tinyglobby fills in the rest.
    fs: linkRule(realRoot, outside) as unknown as GlobOptions['fs'],
  } as const;
  return { patterns, options };
}

export function scanProjectSync(root: string, policy: Pick<Policy, 'files' | 'ignore'>, options: ScanOptions = {}): ProjectScan {
  const nested = options.nested !== false;
  const outside: string[] = [];
  const { patterns, options: globOptions } = crawl(root, realpathSync.native(root), policy, nested, outside);
  // Without any glob of its own left, a project has no files (tinyglobby would find everything).
  const found = patterns.length ? globSync(patterns, globOptions) : [];
  return split(root, policy, found, nested, outside);
}

export async function scanProject(root: string, policy: Pick<Policy, 'files' | 'ignore'>, options: ScanOptions = {}): Promise<ProjectScan> {
  const nested = options.nested !== false;
  const outside: string[] = [];
  // The language server's search: nothing in it blocks the event loop, the folder's real path neither.
  const { patterns, options: globOptions } = crawl(root, await realpathAsync(root), policy, nested, outside);
  const found = patterns.length ? await glob(patterns, globOptions) : [];
  return split(root, policy, found, nested, outside);
}

/**
 * Every match that is not named like a config matched one of the policy's own globs (the config
 * pattern matches nothing else), so no second matching is needed to tell them apart.
 */
function split(root: string, policy: Pick<Policy, 'files' | 'ignore'>, found: string[], nested: boolean, linksOut: string[]): ProjectScan {
  const configs = new Set<string>();
  const candidates: string[] = [];
  const ignored = picomatch(insideGlobs(policy.ignore), { dot: true });
  for (const f of found) {
    const file = resolve(f);
    if (isConfigFile(file)) {
      if (nested && dirname(file) !== root) configs.add(dirname(file));
      continue;
    }
    if (isInside(file, root) && ignored(globPath(root, file))) continue;
    candidates.push(file);
  }
  const files = configs.size ? candidates.filter((f) => !inDeeper(f, root, configs)) : candidates;
  const outermost = [...configs].filter((dir) => !inDeeper(dir, root, configs));
  // The links out that the globs would have taken as requirement files (a link named like a config
  // below is not one of them, nor is one in a deeper project: that project names it).
  const selects = fileSelector(policy);
  const outside = linksOut.filter((f) => isInside(f, root) && !isConfigFile(f) && selects(globPath(root, f)) && !(configs.size && inDeeper(f, root, configs)));
  return { files: files.sort(), nested: outermost.sort(), outside: [...new Set(outside)].sort() };
}

/** Whether a folder between the file and the project's root holds a config of its own. */
function inDeeper(file: string, root: string, deeper: ReadonlySet<string>): boolean {
  for (let dir = dirname(file); dir.length > root.length && isInside(dir, root); dir = dirname(dir)) {
    if (deeper.has(dir)) return true;
  }
  return false;
}
