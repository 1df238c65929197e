import type { CheckResult } from '../check-result';

/** One object per file with LSP positions: the machine-readable contract of `inbound check`. */
export function formatJson(result: CheckResult): string {
  const out = result.files.map((f) => ({
    file: f.file,
    diagnostics: f.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: d.range,
      ...(d.requirement ? { requirement: d.requirement } : {}),
    })),
  }));
  return JSON.stringify(out, null, 2) + '\n';
}
