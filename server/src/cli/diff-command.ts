/**
 * `inbound diff [--base REF] [paths…]`: what this change does to the roadmap. The working tree is
 * read as `inbound report` reads it (its projects, each with its own config); the base revision's
 * files come from the real `git` (server/src/node/git.ts) and are split into projects by the same
 * rules, each judged with the config it had then. The engine compares the two report models.
 *
 * Exit codes: 0 written; 1 the change puts on the roadmap a requirement the gate blocks, or newly
 * blocks one already there (`--fail-on`); 2 a usage, git or I/O failure, in one line.
 */
import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { diffReports, FAIL_ON, failsReview } from '../engine/diff';
import type { FailOn, ProjectReport, RoadmapDiff } from '../engine/diff';
import { buildReport } from '../engine/report';
import type { Workspace } from '../engine';
import { fillProject, GitProblem, loadBaseProjects, repositoryAt, resolveBase } from '../node/git';
import { loadProjects, shownPath } from '../node/load-projects';
import type { LoadedProjects } from '../node/load-projects';
import { isInside } from '../node/project-tree';
import { replaceFileSync, SymbolicLinkTarget } from '../node/replace-file';
import { UsageError } from '../node/usage-error';
import { DIFF_FORMATS, renderDiff } from '../report/diff-render';
import type { DiffFormat } from '../report/diff-render';
import { checkToday } from './check-command';
import type { CliIo } from './io';

export interface DiffCommandOptions {
  paths: string[];
  base?: string;
  format?: string;
  out?: string;
  today?: string;
  failOn?: string;
}

export async function diffCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      base: { type: 'string', short: 'b' },
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      today: { type: 'string' },
      'fail-on': { type: 'string' },
    },
  });
  return runDiff({ paths: positionals, base: values.base, format: values.format, out: values.out, today: values.today, failOn: values['fail-on'] }, io);
}

export async function runDiff(options: DiffCommandOptions, io: CliIo): Promise<number> {
  const format = chooseFormat(options.format, options.out);
  const failOn = (options.failOn ?? 'blocked') as FailOn;
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on takes ${FAIL_ON.join(', ')}, not '${options.failOn}'`);
  const today = checkToday(options.today);
  const { diff, problems } = await computeDiff(options, io, today);
  const text = renderDiff(diff, format);
  if (options.out) writeOut(resolve(io.cwd, options.out), options.out, text);
  else io.stdout(text);
  for (const p of problems) io.stderr(`inbound: ${p}`);
  if (problems.length) return 2;
  return failsReview(diff, failOn) ? 1 : 0;
}

async function computeDiff(options: DiffCommandOptions, io: CliIo, today: string | undefined): Promise<{ diff: RoadmapDiff; problems: string[] }> {
  const cwd = io.cwd;
  const shown = options.paths.length ? options.paths : ['.'];
  const abs = shown.map((p) => resolve(cwd, p));
  let repo;
  let baseProjects;
  try {
    repo = await repositoryAt(cwd);
    const outside = shown.find((_, i) => !isInside(abs[i], repo!.top));
    if (outside !== undefined) throw new UsageError(`${outside} lies outside the git repository (${shownPath(cwd, repo.top)}): inbound diff compares files of one repository`);
    const base = await resolveBase(cwd, repo, options.base);
    baseProjects = await loadBaseProjects({ cwd, repo, base, paths: abs, today });
  } catch (e) {
    if (e instanceof GitProblem) throw new UsageError(e.message);
    throw e;
  }

  // Head: the working tree, as `inbound report` reads it. A path only the base has (a folder this
  // change deletes) selects nothing here.
  const onDisk = shown.filter((_, i) => existsSync(abs[i]));
  const head: LoadedProjects = onDisk.length
    ? loadProjects({ paths: onDisk, today, cwd, onProgress: io.progress })
    : { projects: [], ofPath: [], problems: [], empty: [] };
  io.progress?.(0, 0);

  // A path that finds no requirement file on either side is a mistake (a misspelt CI path must not pass).
  const emptyAtHead = new Set(head.empty.map((e) => e.path));
  const nothing = shown.filter((p, i) => baseProjects.found[i] === 0 && (!existsSync(abs[i]) || emptyAtHead.has(p)));
  if (nothing.length) {
    const globs = head.empty.find((e) => e.path === nothing[0])?.globs ?? ['**/*.req.yaml', '**/*.req.yml'];
    throw new UsageError(`no requirement files in ${nothing.join(', ')} at the base or in the working tree (looked for ${globs.join(', ')})`);
  }

  const fileName = (file: string) => relative(cwd, file).split(sep).join('/') || file;
  const report = (p: { root: string; workspace: Workspace; selected: string[] }): ProjectReport => {
    const selected = new Set(p.selected);
    return {
      project: relative(cwd, p.root).split(sep).join('/') || '.',
      report: buildReport(p.workspace, { fileName, only: (file) => selected.has(file), details: true }),
    };
  };
  const headReports = head.projects.filter((p) => p.selected.length > 0).map(report);

  // The base. A project with the same folder and the same policy on both sides is the head's
  // workspace turned back into the base: a file whose text is the same keeps its analysis, so a
  // change costs what it changes plus the cross-file rules, not a second reading of every file.
  // (Its head report is made above, before.) Any other project is read whole from the base.
  const heads = new Map(head.projects.map((p) => [p.root, p]));
  const baseReports: ProjectReport[] = [];
  for (const p of baseProjects.projects) {
    const h = heads.get(p.root);
    let workspace = p.workspace;
    if (h && h.config === p.config && JSON.stringify(h.workspace.policy) === JSON.stringify(p.workspace.policy)) {
      workspace = h.workspace;
      const files = new Set(p.files);
      for (const file of workspace.fileNames()) if (!files.has(file) || !baseProjects.texts.has(file)) workspace.deleteFile(file);
      for (const file of p.files) {
        const t = baseProjects.texts.get(file);
        if (t) workspace.setFile(file, t.text, t.source);
      }
    } else {
      fillProject(p, baseProjects.texts);
    }
    if (p.selected.length > 0) baseReports.push(report({ root: p.root, workspace, selected: p.selected }));
  }
  const diff = diffReports({
    base: { label: baseProjects.base.label, commit: baseProjects.base.commit, projects: baseReports },
    head: { label: 'working tree', projects: headReports },
  });
  return { diff, problems: head.problems };
}

function chooseFormat(format: string | undefined, out: string | undefined): DiffFormat {
  if (format !== undefined) {
    if (!(DIFF_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}' (use ${DIFF_FORMATS.join(', ')})`);
    return format as DiffFormat;
  }
  if (out === undefined) return 'md';
  const ext = /\.([A-Za-z]+)$/.exec(out)?.[1]?.toLowerCase();
  if (ext === 'md' || ext === 'markdown') return 'md';
  if (ext === 'json') return 'json';
  if (ext === 'html' || ext === 'htm') return 'html';
  throw new UsageError(`cannot tell the format of ${out} from its extension: add --format ${DIFF_FORMATS.join('|')}`);
}

/** As `inbound report --out`: a temporary file renamed over F, and never through a symbolic link. */
function writeOut(path: string, shown: string, text: string): void {
  try {
    replaceFileSync(path, text);
  } catch (e) {
    if (e instanceof SymbolicLinkTarget) {
      throw new UsageError(`cannot write ${shown}: it is a symbolic link (to ${e.target}), and nothing is written through one: remove the link, or name the file it points to`);
    }
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`cannot write ${shown}: ${err.code === 'ENOENT' ? 'no such folder' : (err.message ?? String(e)).split('\n')[0]}`);
  }
}
