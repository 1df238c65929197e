/**
 * Where projects begin and end. Each `inbound.config.yaml` makes its folder a project; a file
 * belongs to the project of the nearest config above it, and that config alone applies to it. A
 * project's files are its `files` globs searched from its folder, minus `ignore`, minus the folders
 * of deeper configs (they are projects of their own). The CLI and the language server both ask here,
 * so the editor and CI draw the same boundaries.
 */
import { existsSync, realpath, realpathSync, stat, statSync } from 'node:fs';
import { realpath as realpathAsync } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { glob, globSync } from 'tinyglobby';
import type { GlobOptions } from 'tinyglobby';
import type { Policy } from '../../../schemas/config';
import { CONFIG_FILE_NAME, configSelector, fileSelector, globPath, insideGlobs, isConfigFile, isInside, splitFound } from '../paths/project-globs';

// The arithmetic of boundaries (no file system) lives in paths/project-globs.ts, where the browser
// build of the server finds it too; here it is re-exported for the CLI's modules.
export { CONFIG_FILE_NAME, configSelector, fileSelector, globPath, insideGlobs, isConfigFile, isInside };

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
  return splitFound(root, policy, found, nested, outside);
}

export async function scanProject(root: string, policy: Pick<Policy, 'files' | 'ignore'>, options: ScanOptions = {}): Promise<ProjectScan> {
  const nested = options.nested !== false;
  const outside: string[] = [];
  // The language server's search: nothing in it blocks the event loop, the folder's real path neither.
  const { patterns, options: globOptions } = crawl(root, await realpathAsync(root), policy, nested, outside);
  const found = patterns.length ? await glob(patterns, globOptions) : [];
  return splitFound(root, policy, found, nested, outside);
}

