/**
 * `--cache` and `--cache-location` of `check` and `report`: the analyses of files that did not
 * change since the last run are read from the cache instead of parsed again (see
 * server/src/node/analysis-cache.ts). What is printed is exactly what a run without it prints.
 */
import { AnalysisCache, cacheFilePath, CACHE_FILE_NAME, engineVersion } from '../node/analysis-cache';
import { reason, shownPath } from '../node/load-projects';
import type { CliIo } from './io';

export interface CacheOptions {
  cache?: boolean;
  /** A file, or a folder to hold `.inboundcache`; implies `--cache`. */
  cacheLocation?: string;
}

/** The options both commands parse (node:util parseArgs). */
export const CACHE_ARGS = {
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
} as const;

export function openCache(options: CacheOptions, io: CliIo): AnalysisCache | undefined {
  if (!options.cache && options.cacheLocation === undefined) return undefined;
  const path = cacheFilePath(io.cwd, options.cacheLocation ?? CACHE_FILE_NAME);
  return AnalysisCache.open(path, engineVersion(io.version));
}

/** Writes the cache; a cache that cannot be written is said once and changes nothing else about the run. */
export function saveCache(cache: AnalysisCache | undefined, io: CliIo): void {
  if (!cache) return;
  try {
    cache.save();
  } catch (e) {
    io.stderr(`inbound: cannot write the cache ${shownPath(io.cwd, cache.path)}: ${reason(e)} (the results are not affected)`);
  }
}
