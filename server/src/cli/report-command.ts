/**
 * `inbound report [paths…]`: the report model rendered as Markdown (default, to stdout), HTML, CSV
 * or JSON. With `--out F` the file is replaced atomically, so a reader (a browser tab, a CI
 * artifact upload) never sees half a report; the format follows F's extension unless `--format`
 * says otherwise.
 */
import { relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { replaceFileSync, SymbolicLinkTarget } from '../node/replace-file';
import { UsageError } from '../node/usage-error';
import { loadProjects, shownPath } from '../node/load-projects';
import { buildReport, formatFromFileName, renderReport, REPORT_FORMATS } from '../report';
import type { ReportFormat } from '../report';
import { checkToday } from './check-command';
import { CACHE_ARGS, openCache, saveCache } from './cache-option';
import type { CacheOptions } from './cache-option';
import type { CliIo } from './io';

export interface ReportCommandOptions extends CacheOptions {
  paths: string[];
  format?: string;
  out?: string;
  config?: string;
  today?: string;
}

export function reportCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      config: { type: 'string', short: 'c' },
      today: { type: 'string' },
      ...CACHE_ARGS,
    },
  });
  const { 'cache-location': cacheLocation, ...rest } = values;
  return runReport({ paths: positionals, ...rest, cacheLocation }, io);
}

export function runReport(options: ReportCommandOptions, io: CliIo): number {
  const format = chooseFormat(options.format, options.out);
  const today = checkToday(options.today);
  const cache = openCache(options, io);
  const { projects, problems } = loadProjects({
    paths: options.paths,
    config: options.config,
    today,
    cwd: io.cwd,
    onProgress: io.progress,
    store: cache,
  });
  io.progress?.(0, 0);
  saveCache(cache, io);
  // A project whose paths select nothing (a monorepo's root config over no files of its own) does
  // not count: the report is about the requirements the paths find.
  const touched = projects.filter((p) => p.selected.length > 0 || p.showConfig);
  if (touched.length > 1) {
    // Projects are told apart by their configs; with --config they share one, and their folders tell them apart.
    const configs = touched.map((p) => p.config);
    const shared = new Set(configs).size < configs.length;
    const names = touched.map((p) => (p.config && !shared ? shownPath(io.cwd, p.config) : `${shownPath(io.cwd, p.root)}${p.config ? '' : ' (no config)'}`));
    const example = shared ? undefined : touched.find((p) => p.config)?.config;
    throw new UsageError(
      `these paths lie in ${touched.length} projects, each with its own ${shared ? 'ids' : 'policy'} (${names.join(', ')}); one report has one ${shared ? 'project' : 'policy'}: ` +
        `report on one project at a time${example ? `, e.g. inbound report ${shownPath(io.cwd, example)} (a config stands for its project)` : ''}`,
    );
  }
  const project = touched[0] ?? projects[0];
  const selected = new Set(project.selected);
  // Files named as in `check --format json`: relative to the current folder, forward slashes.
  const report = buildReport(project.workspace, {
    fileName: (file) => relative(io.cwd, file).split(sep).join('/') || file,
    only: (file) => selected.has(file),
  });
  const text = renderReport(report, format);
  if (options.out) writeReport(resolve(io.cwd, options.out), options.out, text);
  else io.stdout(text);
  for (const p of problems) io.stderr(`inbound: ${p}`);
  return problems.length ? 2 : 0;
}

function chooseFormat(format: string | undefined, out: string | undefined): ReportFormat {
  if (format !== undefined) {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`unknown format '${format}' (use ${REPORT_FORMATS.join(', ')})`);
    }
    return format as ReportFormat;
  }
  if (out === undefined) return 'md';
  const inferred = formatFromFileName(out);
  if (!inferred) throw new UsageError(`cannot tell the format of ${out} from its extension: add --format ${REPORT_FORMATS.join('|')}`);
  return inferred;
}

/**
 * A temporary file in the same folder, then a rename: the old report or the new one, never half.
 * A symbolic link at F is refused (see `replaceFileSync` for why refused rather than followed or
 * replaced); write-file-atomic, used here before, wrote through it to wherever it pointed.
 */
function writeReport(path: string, shown: string, text: string): void {
  try {
    replaceFileSync(path, text);
  } catch (e) {
    throw new UsageError(`cannot write ${shown}: ${writeProblem(e)}`);
  }
}

function writeProblem(e: unknown): string {
  if (e instanceof SymbolicLinkTarget) {
    return `it is a symbolic link (to ${e.target}), and a report is never written through one: remove the link, or name the file it points to`;
  }
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such folder';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return (err.message ?? String(e)).split('\n')[0];
  }
}
