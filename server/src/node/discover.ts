/**
 * Which files to check: explicit files as given, folders searched with the config's globs. The
 * config is `--config F`, or the nearest `inbound.config.yaml` in the first path or above it.
 */
import { existsSync, lstatSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import type { Policy } from '../../../schemas/config';
import { CONFIG_FILE_NAME } from '../engine/policy';

export class UsageError extends Error {}

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

export interface Discovered {
  files: string[];
  /** Paths that could not be searched, each with a one-line reason. */
  problems: string[];
}

/** `paths` are absolute or relative to the process's folder; `shown` are the same paths as the user wrote them. */
export function discoverFiles(paths: string[], policy: Policy, configDir: string | undefined, shown: string[] = paths): Discovered {
  const files = new Set<string>();
  const problems: string[] = [];
  const ignored = picomatch(policy.ignore, { dot: true });
  paths.forEach((path, i) => {
    const p = shown[i] ?? path;
    const abs = resolve(path);
    let stat;
    try {
      stat = statSync(abs);
    } catch (e) {
      const loop = (e as NodeJS.ErrnoException).code === 'ELOOP';
      // A link that is there but leads nowhere is an unreadable file, not a mistyped path: it is
      // reported like one, and the other paths are still checked.
      if (isSymbolicLink(abs)) {
        problems.push(`cannot read ${p}: ${loop ? 'symbolic link loop' : 'the symbolic link points to nothing'}`);
        return;
      }
      throw new UsageError(`no such file or folder: ${p}${loop ? ' (symbolic link loop)' : ''}`);
    }
    if (!stat.isDirectory()) {
      files.add(abs);
      return;
    }
    // Globs are relative to the config's folder; search from there when the path lies inside it.
    const root = configDir && isInside(abs, configDir) ? configDir : abs;
    try {
      for (const f of globSync(policy.files, {
        cwd: root,
        ignore: policy.ignore,
        absolute: true,
        dot: false,
        followSymbolicLinks: false,
        onlyFiles: true,
      })) {
        const file = resolve(f);
        if (isInside(file, abs) && !ignored(relative(root, file).split(sep).join('/'))) files.add(file);
      }
    } catch (e) {
      problems.push(`cannot search ${p}: ${(e as Error).message.split('\n')[0]}`);
    }
  });
  return { files: [...files].sort(), problems };
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function isInside(file: string, dir: string): boolean {
  const r = relative(dir, file);
  return r === '' || (!r.startsWith('..') && !r.startsWith(sep) && !/^[A-Za-z]:/.test(r));
}
