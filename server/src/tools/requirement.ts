/**
 * inbound_requirement: one requirement's readiness row (as the report has it), and beside it what a
 * person asks next: each evidence item as written, whether it counts, the waiver, what it depends on
 * and what depends on it.
 */
import { buildReport } from '../engine/report';
import type { Report, RequirementReadiness } from '../engine/report';
import { evidenceOf } from '../engine/independence';
import { evidenceSummary } from '../report/words';
import type { ToolAnswer } from './answer';
import { listLines } from './answer';
import type { RequirementInput } from './definitions';
import type { Located } from './locate';
import { locate } from './locate';
import { rowLine } from './readiness';
import type { ToolScope } from './scope';
import { writtenEvidence } from './written';

/** The report's row of a located requirement, with its evidence and waiver as written (`detail`). */
export function rowOf(scope: ToolScope, at: Located): { row: RequirementReadiness; report: Report } {
  const report = buildReport(at.project.workspace, { fileName: scope.fileName, only: (f) => f === at.file, details: true });
  const line = at.judged.analysis.lines.positionAt((at.req.idSpan ?? at.req.headSpan).start).line;
  const row = report.requirements.find((r) => r.line === line && r.id === at.req.id)!;
  return { row, report };
}

/** "interview, Globex AG, 2026-10-01: Controller said card fees block adoption." */
function itemLine(item: Record<string, unknown>): string {
  const { kind, date, note, link: _link, ...rest } = item as Record<string, string | number | boolean | undefined>;
  const facts = Object.entries(rest)
    .filter(([k]) => !['line', 'class', 'complete', 'independent'].includes(k))
    .map(([, v]) => String(v));
  const flags = item.complete === false ? ' (incomplete: counts for nothing yet)' : item.independent === false ? ' (the same account as its sales evidence: not counted as market evidence)' : '';
  return `${[kind ?? 'evidence', ...facts, date].filter((x) => x !== undefined && x !== '').join(', ')}${note ? `: ${note}` : ''}${flags}`;
}

export function requirement(scope: ToolScope, input: RequirementInput): ToolAnswer {
  const at = locate(scope, input.id, input.file);
  const { row, report } = rowOf(scope, at);
  const { req, judged } = at;
  const written = writtenEvidence(judged.analysis.text, req.index) ?? [];
  const independent = new Set(evidenceOf(req).independent);
  const evidence = req.evidence.map((e) => ({
    line: judged.analysis.lines.positionAt(e.span.start).line,
    ...(written[e.index] ?? {}),
    ...(e.class ? { class: e.class } : {}),
    complete: e.complete,
    ...(e.class === 'market' && e.complete ? { independent: independent.has(e) } : {}),
  }));
  const catalog = at.project.workspace.catalog();
  const dependedOnBy = [...new Set((catalog.references.get(req.id!) ?? []).map((r) => r.from.id).filter((x): x is string => !!x))];
  const { detail, ...plain } = row;
  const data: Record<string, unknown> = {
    requirement: plain,
    ...(req.problem ? { problem: req.problem } : {}),
    ...(req.segments.length ? { segments: req.segments } : {}),
    ...(req.dependsOn.length ? { dependsOn: req.dependsOn.map((d) => d.id) } : {}),
    ...(dependedOnBy.length ? { dependedOnBy } : {}),
    evidence,
    ...(detail?.waiver ? { waiver: detail.waiver } : {}),
    policy: report.policy,
  };
  const lines = [
    rowLine(row, report),
    ...(req.problem ? [`Problem: ${req.problem}`] : []),
    `Evidence: ${evidenceSummary(row.evidence)}${row.evidence.incomplete ? ` · ${row.evidence.incomplete} incomplete` : ''}${evidence.length ? '' : ' (none listed)'}`,
    ...listLines(
      evidence.map((e) => `- ${itemLine(e)}`),
      15,
    ),
    ...(detail?.waiver
      ? [`Waiver: ${detail.waiver.reason ?? '(no reason)'} — approved by ${detail.waiver.approvedBy ?? '(nobody yet)'}${detail.waiver.complete ? '' : detail.waiver.selfApproved ? ' (its own owner: does not waive the gate)' : ' (incomplete: does not waive the gate)'}`]
      : []),
    ...(row.findings.length ? ['Findings:', ...listLines(row.findings.map((f) => `- ${f.severity} ${f.code}: ${f.message}`), 10)] : ['No findings.']),
    ...row.silenced.map((s) => `Silenced ${s.code}: ${s.reason}`),
  ];
  return { summary: lines.join('\n'), data };
}

