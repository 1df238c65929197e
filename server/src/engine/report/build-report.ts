/**
 * Workspace → report. Reads the same analyses and diagnostics that the editor and `inbound check`
 * show, so every verdict, stale item and silenced finding here is one a person can also see there.
 */
import { STATUSES } from '../../../../schemas/primitives';
import { daysBetween } from '../clock';
import { evidenceOf } from '../independence';
import type { Requirement } from '../model';
import type { RuleContext } from '../rules/rule';
import type { Workspace } from '../workspace';
import { AccountNames } from './accounts';
import { ConcentrationLedger } from './concentration';
import { EvidenceMixTally, inKindOrder } from './evidence-mix';
import { judgeFile, ReadinessTally } from './judge';
import { displayPaths } from './paths';
import { isClosedStatus } from './readiness';
import type {
  EvidenceItem,
  Report,
  RequirementDetail,
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
  /**
   * Each requirement's evidence items and waiver as written (`detail`), and the config's rule
   * settings (`rules`): what the roadmap diff compares. Off by default: the report itself shows counts.
   */
  details?: boolean;
}

export function buildReport(workspace: Workspace, options: ReportOptions = {}): Report {
  const ctx: RuleContext = { policy: workspace.policy, today: workspace.today };
  const files = workspace.fileNames().filter((f) => !options.only || options.only(f));
  const names = new Map(files.map((f) => [f, options.fileName ? options.fileName(f) : f]));
  const paths = displayPaths([...names.values()]);
  const accounts = new AccountNames();
  const ledger = new ConcentrationLedger();
  const mix = new EvidenceMixTally();
  const tally = new ReadinessTally();
  const requirements: RequirementReadiness[] = [];
  const staleEvidence: StaleEvidence[] = [];
  const silenced: SilencedFinding[] = [];
  const unreadFiles: UnreadFile[] = [];

  for (const key of files) {
    const judged = judgeFile(workspace, key);
    if (!judged) continue;
    tally.add(judged);
    const { analysis } = judged;
    const file = names.get(key)!;
    const path = paths.get(file)!;
    const lineOf = (offset: number) => analysis.lines.positionAt(offset).line;
    if (judged.unread) {
      unreadFiles.push({ file, path, line: lineOf(judged.unread.span.start), message: judged.unread.message });
      continue;
    }
    const area = analysis.model.area;

    for (const { req, verdict, onRoadmap, counts, shown, quiet } of judged.requirements) {
      const complete = req.evidence.filter((e) => e.complete);
      const row: RequirementReadiness = {
        file,
        path,
        line: lineOf((req.idSpan ?? req.headSpan).start),
        ...defined({ id: req.id, title: req.title, area, status: req.status, owner: req.owner }),
        onRoadmap,
        verdict,
        evidence: { ...counts, byKind: inKindOrder(counts.byKind) },
        accounts: distinct(complete.flatMap((e) => (e.account ? [accounts.name(e.account)] : []))),
        ...(verdict === 'waived' && req.waiver?.reason && req.waiver.approvedBy
          ? { waiver: { reason: req.waiver.reason, approvedBy: req.waiver.approvedBy, ...defined({ date: req.waiver.date }) } }
          : {}),
        findings: shown.map((d) => ({ code: d.code, severity: d.severity, message: d.message })),
        silenced: quiet.map((d) => ({ code: d.code, reason: d.reason })),
        ...(options.details ? { detail: detailOf(req, accounts) } : {}),
      };
      requirements.push(row);
      mix.add(area, counts);
      if (!isClosedStatus(req.status)) {
        ledger.addRequirement(
          { label: req.id ?? req.title ?? `${path}:${row.line + 1}`, hasMarketEvidence: counts.market > 0, onRoadmap },
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
    for (const d of judged.diagnostics.suppressed) {
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
  return {
    today: ctx.today,
    policy: {
      roadmapStatuses: [...ctx.policy.roadmapStatuses],
      minMarketEvidence: ctx.policy.minMarketEvidence,
      staleAfterDays: ctx.policy.staleAfterDays,
    },
    files: tally.files,
    headline: {
      requirements: tally.requirements,
      roadmap: { ...tally.roadmap },
      readyToPromote: tally.readyToPromote,
    },
    byStatus,
    byVerdict,
    requirements,
    concentration: ledger.ranking(),
    evidenceMix: mix.result(),
    staleEvidence,
    silenced,
    unreadFiles,
    ...(options.details ? { rules: { ...ctx.policy.rules } } : {}),
  };
}

function detailOf(req: Requirement, accounts: AccountNames): RequirementDetail {
  const independent = new Set(evidenceOf(req).independent);
  const evidence: EvidenceItem[] = [];
  for (const e of req.evidence) {
    if (!e.complete || !e.kind || !e.class || !e.date) continue;
    evidence.push({
      kind: e.kind,
      class: e.class,
      ...defined({ account: e.account && accounts.name(e.account), deal: e.deal, amount: e.amount, currency: e.currency, stage: e.stage }),
      date: e.date,
      ...(e.class === 'market' ? { independent: independent.has(e) } : {}),
    });
  }
  const w = req.waiver;
  const waiver = w
    ? { ...defined({ reason: w.reason, approvedBy: w.approvedBy, date: w.date }), complete: w.complete, ...(w.selfApproved ? { selfApproved: true as const } : {}) }
    : undefined;
  return waiver ? { evidence, waiver } : { evidence };
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
