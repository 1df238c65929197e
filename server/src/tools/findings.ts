/**
 * inbound_findings: each file's findings as `inbound check --format json` prints them (code,
 * severity, message, LSP range, requirement), after the policy and `inbound-ignore`: the diagnostics
 * the workspace gives the editor and the CLI alike.
 */
import type { Diagnostic } from '../engine';
import type { ToolAnswer } from './answer';
import { caveats, listLines, scopeNotes } from './answer';
import type { FindingsInput } from './definitions';
import { fileNamed } from './locate';
import type { ScopeProject, ToolScope } from './scope';
import { filesOf } from './scope';

interface Finding {
  code: Diagnostic['code'];
  severity: Diagnostic['severity'];
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  requirement?: string;
}

interface FileFindings {
  file: string;
  diagnostics: Finding[];
}

/** In the order `inbound check` prints them: per project the config first, then the files by path. */
function filesIn(scope: ToolScope): { project: ScopeProject; file: string }[] {
  const out: { project: ScopeProject; file: string }[] = [];
  for (const project of scope.projects) {
    const config = project.workspace.configFile;
    if (project.showConfig && config !== undefined) out.push({ project, file: config });
    for (const file of filesOf(project)) if (project.workspace.has(file)) out.push({ project, file });
  }
  return out;
}

function findingsOf(project: ScopeProject, file: string, scope: ToolScope): FileFindings {
  const lines = project.workspace.linesOf(file)!;
  return {
    file: scope.fileName(file),
    diagnostics: project.workspace.diagnostics(file).diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: lines.rangeOf(d.span.start, d.span.end),
      ...(d.requirement ? { requirement: d.requirement } : {}),
    })),
  };
}

export function findings(scope: ToolScope, input: FindingsInput): ToolAnswer {
  const targets = input.file === undefined ? filesIn(scope) : [fileNamed(scope, input.file, true)];
  const filtered = input.code !== undefined || input.severity !== undefined;
  const all = targets.map(({ project, file }) => findingsOf(project, file, scope));
  const files = all
    .map((f) => (filtered ? { ...f, diagnostics: f.diagnostics.filter((d) => (input.code === undefined || d.code === input.code) && (input.severity === undefined || d.severity === input.severity)) } : f))
    .filter((f) => !filtered || f.diagnostics.length > 0 || input.file !== undefined);
  const total = files.reduce((n, f) => n + f.diagnostics.length, 0);
  // Within the limit whole files first; the file that crosses it is cut, the rest left out.
  const limit = input.limit ?? 200;
  const shown: FileFindings[] = [];
  let room = limit;
  for (const f of files) {
    if (room <= 0 && f.diagnostics.length > 0) break;
    shown.push(f.diagnostics.length > room ? { ...f, diagnostics: f.diagnostics.slice(0, room) } : f);
    room -= Math.min(room, f.diagnostics.length);
  }
  const count = (s: Finding['severity']) => files.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === s).length, 0);
  const bySeverity = (['error', 'warning', 'information', 'hint'] as const).map((s) => [s, count(s)] as const).filter(([, n]) => n > 0);
  const withFindings = files.filter((f) => f.diagnostics.length > 0).length;
  const head =
    total === 0
      ? `No findings${filtered ? ' of that kind' : ''} in ${targets.length === 1 ? scope.fileName(targets[0].file) : `${targets.length} files`}.`
      : `${total} finding${total === 1 ? '' : 's'} in ${withFindings} file${withFindings === 1 ? '' : 's'}: ${bySeverity.map(([s, n]) => `${n} ${s === 'information' ? 'information' : n === 1 ? s : `${s}s`}`).join(', ')}.`;
  const lines = [
    head,
    ...listLines(
      shown.flatMap((f) => f.diagnostics.map((d) => `- ${f.file}:${d.range.start.line + 1} ${d.severity} ${d.code}${d.requirement ? ` (${d.requirement})` : ''}: ${d.message}`)),
      20,
    ),
    ...(total > limit ? [`(${total - limit} more not in the answer: raise limit, or ask for one file, code or severity.)`] : []),
    ...caveats(scope),
  ];
  return {
    summary: lines.join('\n'),
    data: { files: shown, total, ...(total > limit ? { omitted: total - limit } : {}), ...scopeNotes(scope) },
  };
}
