/** The outcome of `inbound check`, ready for any output format: positions already converted. */
import { relative, sep } from 'node:path';
import type { Diagnostic, Range, Suppressed, Workspace } from '../engine';

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
  diagnostics: CheckedDiagnostic[];
  suppressed: (CheckedDiagnostic & { reason: string })[];
}

export interface CheckResult {
  files: CheckedFile[];
  requirementCount: number;
}

export function toCheckResult(workspace: Workspace, cwd: string): CheckResult {
  const rel = (file: string) => relative(cwd, file).split(sep).join('/') || '.';
  const convert = (file: string, d: Diagnostic | Suppressed): CheckedDiagnostic => {
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
  const files: CheckedFile[] = [];
  for (const [file, { diagnostics, suppressed }] of workspace.allDiagnostics()) {
    files.push({
      file: rel(file),
      diagnostics: diagnostics.map((d) => convert(file, d)),
      suppressed: suppressed.map((d) => ({ ...convert(file, d), reason: d.reason })),
    });
  }
  let requirementCount = 0;
  for (const a of workspace.analyses()) requirementCount += a.model.requirements.length;
  return { files, requirementCount };
}

export function counts(result: CheckResult): Record<Diagnostic['severity'], number> {
  const c = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of result.files) for (const d of f.diagnostics) c[d.severity]++;
  return c;
}
