/** The outcome of `inbound check`, ready for any output format: positions already converted. */
import { relative, sep } from 'node:path';
import type { Diagnostic, Range, Suppressed, Workspace } from '../engine';
import { judgeFile, ReadinessTally } from '../engine/report';
import type { RoadmapHeadline } from '../engine/report';

export interface CheckedDiagnostic {
  code: Diagnostic['code'];
  severity: Diagnostic['severity'];
  message: string;
  range: Range;
  requirement?: string;
  related: { file: string; range: Range; message: string }[];
}

export interface CheckedFile {
  /** Path relative to the current folder, with forward slashes. */
  file: string;
  /** An `inbound.config.yaml` (its own findings), not a requirement file. */
  isConfig?: boolean;
  diagnostics: CheckedDiagnostic[];
  suppressed: (CheckedDiagnostic & { reason: string })[];
}

export interface CheckResult {
  files: CheckedFile[];
  /**
   * The readiness of the files shown (not of the rest of their projects), summed from the engine's
   * one judgement: the same numbers as the report's headline and the editor's status bar.
   * Requirements in a file that could not be read are not counted; the file is named instead.
   */
  readiness: { requirements: number; roadmap: RoadmapHeadline; unread: string[] };
}

/** What to show of one project: every file is judged against the whole workspace. */
export interface ShownProject {
  workspace: Workspace;
  /** Requirement files to show; those that could not be read are not in the workspace and are skipped. */
  selected: readonly string[];
  showConfig: boolean;
}

/** Projects in the order given; in each, the config first, then requirement files by path. */
export function toCheckResult(projects: readonly ShownProject[], cwd: string): CheckResult {
  const files: CheckedFile[] = [];
  const tally = new ReadinessTally();
  for (const { workspace, selected, showConfig } of projects) {
    const config = workspace.configFile;
    if (showConfig && config !== undefined) files.push({ ...checkedFile(workspace, config, cwd), isConfig: true });
    for (const file of selected) {
      const judged = judgeFile(workspace, file);
      if (!judged) continue;
      files.push(checkedFile(workspace, file, cwd));
      tally.add(judged);
    }
  }
  const rel = (f: string) => relative(cwd, f).split(sep).join('/') || f;
  return { files, readiness: { requirements: tally.requirements, roadmap: tally.roadmap, unread: tally.unread.map((j) => rel(j.file)) } };
}

function checkedFile(workspace: Workspace, file: string, cwd: string): CheckedFile {
  const rel = (f: string) => relative(cwd, f).split(sep).join('/') || '.';
  const convert = (d: Diagnostic | Suppressed): CheckedDiagnostic => {
    const lines = workspace.linesOf(file)!;
    return {
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: lines.rangeOf(d.span.start, d.span.end),
      ...(d.requirement ? { requirement: d.requirement } : {}),
      related: (d.related ?? []).flatMap((r) => {
        const other = workspace.linesOf(r.file);
        return other ? [{ file: rel(r.file), range: other.rangeOf(r.span.start, r.span.end), message: r.message }] : [];
      }),
    };
  };
  const { diagnostics, suppressed } = workspace.diagnostics(file);
  return {
    file: rel(file),
    diagnostics: diagnostics.map(convert),
    suppressed: suppressed.map((d) => ({ ...convert(d), reason: d.reason })),
  };
}

export function counts(result: CheckResult): Record<Diagnostic['severity'], number> {
  const c = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of result.files) for (const d of f.diagnostics) c[d.severity]++;
  return c;
}
