/** `inbound check [paths…]`: findings on the terminal, or in a format for CI tools. */
import { CONFIG_FILE_NAME, isIsoDate } from '../engine';
import { loadProjects } from '../node/load-projects';
import type { EmptyPath } from '../node/load-projects';
import { UsageError } from '../node/usage-error';
import { openCache, saveCache } from './cache-option';
import type { CacheOptions } from './cache-option';
import type { CliIo } from './io';
import { counts, toCheckResult } from './check-result';
import { formatGithub } from './formats/github';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatStylish } from './formats/stylish';

export const CHECK_FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;

export interface CheckOptions extends CacheOptions {
  paths: string[];
  format: string;
  config?: string;
  today?: string;
  maxWarnings?: string;
  /** Paths that find no requirement file are fine (exit 0), not a mistake (exit 2). */
  allowEmpty?: boolean;
}

export async function runCheck(options: CheckOptions, io: CliIo): Promise<number> {
  if (!(CHECK_FORMATS as readonly string[]).includes(options.format)) {
    throw new UsageError(`unknown format '${options.format}' (use ${CHECK_FORMATS.join(', ')})`);
  }
  const today = checkToday(options.today);
  let maxWarnings = Infinity;
  if (options.maxWarnings !== undefined) {
    if (!/^\d+$/.test(options.maxWarnings)) throw new UsageError('--max-warnings takes a whole number, e.g. --max-warnings 0');
    maxWarnings = Number(options.maxWarnings);
  }
  const cache = openCache(options, io);
  const { projects, problems, empty } = loadProjects({
    paths: options.paths,
    config: options.config,
    today,
    cwd: io.cwd,
    onProgress: io.progress,
    store: cache,
    findingsOnly: true,
  });
  io.progress?.(0, 0);
  saveCache(cache, io);
  const result = toCheckResult(projects, io.cwd);
  // Paths that found nothing fail, with the reason on stderr; "no problems" would contradict it.
  const nothing = options.allowEmpty ? [] : empty;
  const silent = nothing.length > 0 && result.files.length === 0;
  // Written piece by piece, each after the reader took the one before: memory stays bounded by the
  // findings, not by the text of their report.
  const write = async (pieces: Iterable<string>) => {
    for (const piece of pieces) await io.stdout(piece);
  };
  switch (silent ? 'none' : options.format) {
    case 'none':
      break;
    case 'json':
      await write(formatJson(result));
      break;
    case 'sarif':
      await write([formatSarif(result, io.version)]);
      break;
    case 'github':
      await write(formatGithub(result));
      break;
    default:
      await write(formatStylish(result, io.color));
  }
  for (const p of problems) io.stderr(`inbound: ${p}`);
  // A misspelt path in CI must not pass as "no problems".
  for (const e of nothing) io.stderr(`inbound: ${emptyReason(e)}`);
  if (problems.length || nothing.length) return 2;
  const c = counts(result);
  if (c.error > 0) return 1;
  if (c.warning > maxWarnings) {
    if (options.format === 'stylish') io.stderr(`inbound: ${c.warning} warning${c.warning === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}.`);
    return 1;
  }
  return 0;
}

export function emptyReason(e: EmptyPath): string {
  const where = e.config ? `; see ${e.config}` : `, the defaults: no ${CONFIG_FILE_NAME} applies`;
  return `no requirement files in ${e.path} (looked for ${e.globs.join(', ')}${where})`;
}

export function checkToday(today: string | undefined): string | undefined {
  if (today === undefined) return undefined;
  if (!isIsoDate(today)) throw new UsageError(`--today takes a date written YYYY-MM-DD, not '${today}'`);
  return today;
}
