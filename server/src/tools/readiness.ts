/**
 * inbound_readiness: the report's readiness rows, as `inbound report --format json` has them, each
 * project judged under its own policy, filtered as the assistant asks. Nothing is judged here: the
 * rows and the headline are the report model's (engine/report), read from the same findings.
 */
import { accountKey } from '../engine';
import { buildReport } from '../engine/report';
import type { Report, RequirementReadiness, RoadmapHeadline } from '../engine/report';
import { roadmapDetail, roadmapHeadline, statusLabel, VERDICT_LABEL, verdictReason } from '../report/words';
import type { ToolAnswer } from './answer';
import { caveats, listLines, scopeNotes } from './answer';
import type { ReadinessInput } from './definitions';
import type { ToolScope } from './scope';
import { filesOf } from './scope';

export interface ProjectReport {
  report: Report;
  label?: string;
}

/** Each project's report over the files the scope shows, files named as the assistant sees them. */
export function reportsOf(scope: ToolScope, options: { details?: boolean; only?: (file: string) => boolean } = {}): ProjectReport[] {
  const out: ProjectReport[] = [];
  for (const project of scope.projects) {
    const files = new Set(filesOf(project));
    if (files.size === 0) continue;
    const report = buildReport(project.workspace, {
      fileName: scope.fileName,
      only: (file) => files.has(file) && (!options.only || options.only(file)),
      details: options.details,
    });
    out.push({ report, label: project.label });
  }
  return out;
}

/** The headline of several projects: each counted under its own policy, then added up. */
export function headlineOf(reports: readonly ProjectReport[]): { requirements: number; roadmap: RoadmapHeadline; readyToPromote: number } {
  const roadmap: RoadmapHeadline = { total: 0, ready: 0, waived: 0, blocked: 0, atRisk: 0, noEvidence: 0 };
  let requirements = 0;
  let readyToPromote = 0;
  for (const { report } of reports) {
    requirements += report.headline.requirements;
    readyToPromote += report.headline.readyToPromote;
    for (const key of Object.keys(roadmap) as (keyof RoadmapHeadline)[]) roadmap[key] += report.headline.roadmap[key];
  }
  return { requirements, roadmap, readyToPromote };
}

const asList = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

function matches(row: RequirementReadiness, input: ReadinessInput): boolean {
  const verdicts = asList(input.verdict);
  const statuses = asList(input.status);
  if (verdicts && !verdicts.includes(row.verdict)) return false;
  if (statuses && !(row.status && statuses.includes(row.status))) return false;
  if (input.onRoadmap !== undefined && row.onRoadmap !== input.onRoadmap) return false;
  if (input.area !== undefined && row.area?.toLowerCase() !== input.area.toLowerCase()) return false;
  if (input.owner !== undefined && !row.owner?.toLowerCase().includes(input.owner.toLowerCase())) return false;
  if (input.account !== undefined && !row.accounts.some((a) => accountKey(a) === accountKey(input.account!))) return false;
  if (input.finding !== undefined && !row.findings.some((f) => f.code === input.finding)) return false;
  return true;
}

/** "CHK-102 Custom invoice PDF layout — Blocked by the gate (0 of 1 market evidence) · Roadmap · checkout.req.yaml:41" */
export function rowLine(row: RequirementReadiness, report: Report): string {
  const name = [row.id, row.title].filter(Boolean).join(' ') || '(a requirement without id or title)';
  return `${name} — ${VERDICT_LABEL[row.verdict]} (${verdictReason(row, report)}) · ${statusLabel(row.status)}${row.owner ? ` · ${row.owner}` : ''} · ${row.file}:${row.line + 1}`;
}

export function headlineLine(roadmap: RoadmapHeadline): string {
  const detail = roadmapDetail(roadmap);
  return `${roadmapHeadline(roadmap)}${detail ? ` · ${detail}` : ''}.`;
}

export function readiness(scope: ToolScope, input: ReadinessInput): ToolAnswer {
  const reports = reportsOf(scope);
  const headline = headlineOf(reports);
  const rows = reports.flatMap(({ report, label }) => report.requirements.filter((r) => matches(r, input)).map((row) => ({ row, report, label })));
  const filtered = Object.keys(input).some((k) => k !== 'limit');
  const limit = input.limit ?? 100;
  const shown = rows.slice(0, limit);
  const unreadFiles = reports.flatMap(({ report }) => report.unreadFiles);
  const several = reports.length > 1;
  const data: Record<string, unknown> = {
    headline,
    matched: rows.length,
    requirements: shown.map(({ row, label }) => (several && label !== undefined ? { ...row, project: label } : row)),
    ...(rows.length > shown.length ? { omitted: rows.length - shown.length } : {}),
    ...(unreadFiles.length ? { unreadFiles } : {}),
    ...(several ? { policies: reports.map(({ report, label }) => ({ project: label, ...report.policy })) } : { policy: reports[0]?.report.policy }),
    ...scopeNotes(scope),
  };
  const total = headline.requirements;
  const lines = [
    headlineLine(headline.roadmap),
    filtered
      ? `${rows.length} of ${total} requirement${total === 1 ? '' : 's'} match${rows.length === 1 ? 'es' : ''}${rows.length ? ':' : '.'}`
      : `${total} requirement${total === 1 ? '' : 's'}${total ? ':' : '.'}`,
    ...listLines(
      shown.map(({ row, report }) => `- ${rowLine(row, report)}`),
      20,
    ),
    ...(rows.length > shown.length ? [`(${rows.length - shown.length} more not listed: raise limit to see them.)`] : []),
    ...caveats(scope, unreadFiles.map((u) => u.file)),
  ];
  return { summary: lines.join('\n'), data };
}
