/**
 * Workspace → report. Reads the same analyses and diagnostics that the editor and `inbound check`
 * show, so every verdict, stale item and silenced finding here is one a person can also see there.
 */
import type { RuleCode } from '../../../../schemas/config';
import { STATUSES } from '../../../../schemas/primitives';
import { daysBetween } from '../clock';
import type { Evidence } from '../model';
import type { RuleContext } from '../rules/rule';
import type { Diagnostic, Span, Suppressed } from '../types';
import type { Workspace } from '../workspace';
import { AccountNames } from './accounts';
import { ConcentrationLedger } from './concentration';
import { EvidenceMixTally, inKindOrder } from './evidence-mix';
import { displayPaths } from './paths';
import { isClosedStatus, isOnRoadmap, verdictOf } from './readiness';
import type {
  EvidenceCounts,
  Report,
  RequirementReadiness,
  SilencedFinding,
  StaleEvidence,
  UnreadFile,
  Verdict,
} from './types';
import { VERDICTS } from './types';

export interface ReportOptions {
  /**
   * How the report names a file in its `file` fields, e.g. relative to the current folder.
   * Default: the workspace's own key (what the editor needs to open it).
   */
  fileName?: (file: string) => string;
  /**
   * Only these files' requirements are reported (`inbound report a.req.yaml`); the verdicts still
   * come from the whole workspace, so a reference to another file is known. Default: every file.
   */
  only?: (file: string) => boolean;
}

/** Findings that mean the file's YAML was not read: its requirements would be guesses. */
const UNREAD: readonly RuleCode[] = ['yaml-syntax', 'file-too-large'];

export function buildReport(workspace: Workspace, options: ReportOptions = {}): Report {
  const ctx: RuleContext = { policy: workspace.policy, today: workspace.today };
  const files = workspace.fileNames().filter((f) => !options.only || options.only(f)).sort();
  const names = new Map(files.map((f) => [f, options.fileName ? options.fileName(f) : f]));
  const paths = displayPaths([...names.values()]);
  const accounts = new AccountNames();
  const ledger = new ConcentrationLedger();
  const mix = new EvidenceMixTally();
  const requirements: RequirementReadiness[] = [];
  const staleEvidence: StaleEvidence[] = [];
  const silenced: SilencedFinding[] = [];
  const unreadFiles: UnreadFile[] = [];

  for (const key of files) {
    const analysis = workspace.get(key);
    if (!analysis) continue;
    const file = names.get(key)!;
    const path = paths.get(file)!;
    const lineOf = (offset: number) => analysis.lines.positionAt(offset).line;
    const unread = analysis.findings.find((f) => UNREAD.includes(f.code));
    if (unread) {
      unreadFiles.push({ file, path, line: lineOf(unread.span.start), message: unread.message });
      continue;
    }
    const { diagnostics, suppressed } = workspace.diagnostics(key);
    const area = analysis.model.area;

    for (const req of analysis.model.requirements) {
      const shown = within(diagnostics, req.span);
      const quiet = within(suppressed, req.span);
      const codes = new Set(shown.map((d) => d.code));
      const verdict = verdictOf(req, codes, ctx);
      const evidence = countEvidence(req.evidence);
      const onRoadmap = isOnRoadmap(req, ctx);
      const complete = req.evidence.filter((e) => e.complete);
      const row: RequirementReadiness = {
        file,
        path,
        line: lineOf((req.idSpan ?? req.headSpan).start),
        ...defined({ id: req.id, title: req.title, area, status: req.status, owner: req.owner }),
        onRoadmap,
        verdict,
        evidence,
        accounts: distinct(complete.flatMap((e) => (e.account ? [accounts.name(e.account)] : []))),
        ...(verdict === 'waived' && req.waiver?.reason && req.waiver.approvedBy
          ? { waiver: { reason: req.waiver.reason, approvedBy: req.waiver.approvedBy, ...defined({ date: req.waiver.date }) } }
          : {}),
        findings: shown.map((d) => ({ code: d.code, severity: d.severity, message: d.message })),
        silenced: quiet.map((d) => ({ code: d.code, reason: d.reason })),
      };
      requirements.push(row);
      mix.add(area, evidence);
      if (!isClosedStatus(req.status)) {
        ledger.addRequirement(
          { label: req.id ?? req.title ?? `${path}:${row.line + 1}`, hasMarketEvidence: evidence.market > 0, onRoadmap },
          complete.filter((e) => e.class === 'sales'),
          (account) => accounts.name(account),
        );
      }
      for (const d of shown) {
        if (d.code !== 'stale-evidence') continue;
        const e = req.evidence.find((x) => x.dateSpan && x.dateSpan.start <= d.span.start && d.span.start < x.dateSpan.end);
        if (!e?.date) continue;
        const age = typeof d.data?.age === 'number' ? d.data.age : daysBetween(e.date, ctx.today);
        staleEvidence.push({
          file,
          path,
          line: lineOf(d.span.start),
          ...defined({ requirement: req.id, title: req.title, kind: e.kind, account: e.account && accounts.name(e.account) }),
          date: e.date,
          ageDays: age,
        });
      }
    }
    for (const d of suppressed) {
      const req = analysis.model.requirements.find((r) => r.span.start <= d.span.start && d.span.start < r.span.end);
      silenced.push({
        file,
        path,
        line: lineOf(d.span.start),
        ...defined({ requirement: d.requirement ?? req?.id }),
        code: d.code,
        message: d.message,
        reason: d.reason,
      });
    }
  }

  staleEvidence.sort((a, b) => b.ageDays - a.ageDays || a.path.localeCompare(b.path, 'en') || a.line - b.line);
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const byStatus = { ...(Object.fromEntries(STATUSES.map((s) => [s, 0])) as Report['byStatus']), none: 0 };
  for (const r of requirements) {
    byVerdict[r.verdict]++;
    byStatus[r.status ?? 'none']++;
  }
  const roadmap = requirements.filter((r) => r.onRoadmap);
  const count = (rows: RequirementReadiness[], v: Verdict) => rows.filter((r) => r.verdict === v).length;
  return {
    today: ctx.today,
    policy: {
      roadmapStatuses: [...ctx.policy.roadmapStatuses],
      minMarketEvidence: ctx.policy.minMarketEvidence,
      staleAfterDays: ctx.policy.staleAfterDays,
    },
    files: files.length,
    headline: {
      requirements: requirements.length,
      roadmap: {
        total: roadmap.length,
        ready: count(roadmap, 'ready'),
        waived: count(roadmap, 'waived'),
        blocked: count(roadmap, 'blocked'),
        atRisk: count(roadmap, 'at-risk'),
        noEvidence: count(roadmap, 'no-evidence'),
      },
      readyToPromote: requirements.filter((r) => !r.onRoadmap && r.verdict === 'ready').length,
    },
    byStatus,
    byVerdict,
    requirements,
    concentration: ledger.ranking(),
    evidenceMix: mix.result(),
    staleEvidence,
    silenced,
    unreadFiles,
  };
}

function countEvidence(evidence: readonly Evidence[]): EvidenceCounts & { incomplete: number } {
  const counts = { sales: 0, market: 0, byKind: {} as EvidenceCounts['byKind'], incomplete: 0 };
  for (const e of evidence) {
    if (!e.complete || !e.kind || !e.class) {
      counts.incomplete++;
      continue;
    }
    counts[e.class]++;
    counts.byKind[e.kind] = (counts.byKind[e.kind] ?? 0) + 1;
  }
  return { ...counts, byKind: inKindOrder(counts.byKind) };
}

/**
 * The diagnostics that start inside a requirement. Both lists are in text order, so a binary
 * search finds the first one: linear overall even for a file with thousands of requirements.
 */
function within<D extends Diagnostic | Suppressed>(sorted: readonly D[], span: Span): D[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].span.start < span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: D[] = [];
  for (let i = lo; i < sorted.length && sorted[i].span.start < span.end; i++) out.push(sorted[i]);
  return out;
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

/** The keys whose value is defined: the JSON leaves out what a requirement does not say. */
function defined<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

