/**
 * Where a project's files are, as far as that is arithmetic on paths and globs: which names its
 * globs take, which config is a deeper project's, whether a path lies in a folder. Nothing here
 * reads a file system, so the Node adapter's folder search (node/project-tree.ts) and a search the
 * editor does for the server (lsp/client-files.ts) draw the same boundaries.
 *
 * Paths go through `node:path`: on Node that is the platform's own arithmetic, in the browser
 * bundles a POSIX one (scripts/browser-path.mjs), where every path the server holds is POSIX.
 */
import { basename, dirname, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
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

/**
 * A search's matches (absolute paths) as a project's files and the configs below it. Every match
 * that is not named like a config matched one of the policy's own globs (the config
 * pattern matches nothing else), so no second matching is needed to tell them apart.
 */
export function splitFound(root: string, policy: Pick<Policy, 'files' | 'ignore'>, found: string[], nested: boolean, linksOut: string[]): { files: string[]; nested: string[]; outside: string[] } {
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
