/**
 * The words every rendering shares, so a verdict reads the same in the editor, in a Markdown file
 * and in a spreadsheet. Written for a product manager, not for the engine.
 */
import type { EvidenceKind } from '../../../schemas/evidence';
import type { Status } from '../../../schemas/primitives';
import { VERDICTS } from '../engine/report';
import type { DealAmount, EvidenceCounts, Report, RequirementReadiness, RoadmapHeadline, Verdict } from '../engine/report';

export const VERDICT_LABEL: Record<Verdict, string> = {
  blocked: 'Blocked by the gate',
  'at-risk': 'At risk',
  'no-evidence': 'No evidence',
  waived: 'Waived',
  gathering: 'Gathering evidence',
  ready: 'Ready',
  closed: 'Closed',
};

/** What each verdict means for the person deciding what gets built. */
export const VERDICT_MEANING: Record<Verdict, string> = {
  blocked: 'On the roadmap without the market evidence the policy asks for, and no approved waiver.',
  'at-risk': "Rests on one account's sales conversations, or on sales conversations alone.",
  'no-evidence': 'Proposed or further along, with nothing behind it.',
  waived: 'On the roadmap without that market evidence, by an exception someone accountable approved.',
  gathering: 'Not yet the market evidence the roadmap asks for; nothing to warn about.',
  ready: 'Has the market evidence the roadmap asks for, and rests on more than one voice.',
  closed: 'Shipped or rejected: decided, and no longer judged.',
};

export const STATUS_LABEL: Record<Status, string> = {
  idea: 'Idea',
  proposed: 'Proposed',
  validated: 'Validated',
  roadmap: 'Roadmap',
  'in-progress': 'In progress',
  shipped: 'Shipped',
  rejected: 'Rejected',
};

export function statusLabel(status: Status | undefined): string {
  return status ? STATUS_LABEL[status] : 'No status';
}

export function kindLabel(kind: EvidenceKind): string {
  if (kind === 'rfp') return 'RFP';
  if (kind === 'win-loss') return 'Win/loss';
  return kind.charAt(0).toUpperCase() + kind.slice(1).replace(/-/g, ' ');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const NUMBER = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

/**
 * "EUR 120,000 + USD 60,000": currencies kept apart, never added up; amounts written without a
 * currency are shown apart too ("EUR 120,000 · 15,000 without a currency"), never added to one.
 */
export function formatAmounts(amounts: readonly DealAmount[]): string {
  const named = amounts.filter((a) => a.currency).map((a) => `${a.currency} ${formatNumber(a.total)}`);
  const bare = amounts.find((a) => !a.currency);
  if (!bare) return named.join(' + ');
  if (!named.length) return formatNumber(bare.total);
  return `${named.join(' + ')} · ${formatNumber(bare.total)} without a currency`;
}

/** "24 Nov 2026": the date the report describes, as people write it. */
export function formatDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  return month ? `${d} ${month} ${y}` : iso;
}

/** Why a requirement got its verdict, in a few words beside the badge. */
export function verdictReason(row: RequirementReadiness, report: Pick<Report, 'policy'>): string {
  const needed = report.policy.minMarketEvidence;
  const market = row.evidence.market;
  const codes = new Set(row.findings.map((f) => f.code));
  const same = row.evidence.sameAccount ? `; ${sameAccountPhrase(row.evidence.sameAccount)} not counted` : '';
  switch (row.verdict) {
    case 'blocked':
      return `${market} of ${needed} market evidence${same}`;
    case 'waived':
      return row.waiver ? `approved by ${row.waiver.approvedBy}` : 'approved exception';
    case 'at-risk':
      return (codes.has('single-deal') ? `one account: ${row.accounts[0] ?? 'unnamed'}` : `sales only: ${plural(row.accounts.length, 'account')}`) + same;
    case 'no-evidence':
      return row.evidence.incomplete > 0 ? `${plural(row.evidence.incomplete, 'placeholder')} to fill in` : 'nothing behind it';
    case 'gathering':
      return `${market} of ${needed} market evidence${same}`;
    case 'ready':
      return `${plural(market, 'market item')}`;
    case 'closed':
      return statusLabel(row.status).toLowerCase();
  }
}

/** "1 same account as the deal": market items from the deal's own account, the same voice. */
export function sameAccountPhrase(n: number): string {
  return `${n} same account as the deal`;
}

/**
 * A requirement's evidence in one line, the same in the code lens, hover and every report:
 * "2 deals · 1 RFP · 0 market · 1 same account as the deal". Deals and RFPs are named apart (an RFP
 * is not a deal); market counts independent market evidence only.
 */
export function evidenceSummary(e: Pick<EvidenceCounts, 'deals' | 'rfps' | 'market' | 'sameAccount'>): string {
  return [
    plural(e.deals, 'deal'),
    ...(e.rfps ? [plural(e.rfps, 'RFP')] : []),
    `${e.market} market`,
    ...(e.sameAccount ? [sameAccountPhrase(e.sameAccount)] : []),
  ].join(' · ');
}

/** "Sales deal 1, Interview 2": the kinds present. */
export function kindsSummary(byKind: Partial<Record<EvidenceKind, number>>): string {
  return (Object.entries(byKind) as [EvidenceKind, number][]).map(([k, n]) => `${kindLabel(k)} ${n}`).join(', ');
}

/** The headline a roadmap review opens with: "4 of 5 roadmap items ready". */
export function roadmapHeadline(r: RoadmapHeadline): string {
  if (r.total === 0) return 'Nothing on the roadmap yet';
  return `${r.ready} of ${plural(r.total, 'roadmap item')} ready`;
}

/** "1 waived · 3 blocked by the gate": what stands beside the headline. */
export function roadmapDetail(r: RoadmapHeadline): string {
  const parts = [
    r.waived ? `${r.waived} waived` : '',
    r.blocked ? `${r.blocked} blocked by the gate` : '',
    r.atRisk ? `${r.atRisk} at risk` : '',
    r.noEvidence ? `${r.noEvidence} without evidence` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : r.total ? 'nothing blocked' : '';
}

/** "1 file could not be read: checkout.req.yaml" — counted and named wherever totals are shown. */
export function unreadSummary(paths: readonly string[], max = 3): string {
  if (paths.length === 0) return '';
  const named = paths.slice(0, max).join(', ') + (paths.length > max ? ` and ${paths.length - max} more` : '');
  return `${plural(paths.length, 'file')} could not be read: ${named}`;
}

/** The three groups a readiness review walks through, in that order. */
export const STAGES = [
  { key: 'roadmap', title: 'On the roadmap' },
  { key: 'pipeline', title: 'In the pipeline' },
  { key: 'closed', title: 'Shipped and rejected' },
] as const;
export type Stage = (typeof STAGES)[number]['key'];

export function stageOf(row: RequirementReadiness): Stage {
  if (row.verdict === 'closed') return 'closed';
  return row.onRoadmap ? 'roadmap' : 'pipeline';
}

/** Rows of one stage, what needs attention first (the verdicts' own order); then as written. */
export function rowsOfStage(report: Report, stage: Stage): RequirementReadiness[] {
  return report.requirements
    .filter((r) => stageOf(r) === stage)
    .map((r, i) => ({ r, i }))
    .sort((a, b) => VERDICTS.indexOf(a.r.verdict) - VERDICTS.indexOf(b.r.verdict) || a.i - b.i)
    .map(({ r }) => r);
}

/**
 * Share of independent market evidence among all complete evidence, as a whole percentage;
 * undefined when there is no evidence at all. Same-account items count in the whole, not the share.
 */
export function marketShare(e: { sales: number; market: number; sameAccount: number }): number | undefined {
  const total = e.sales + e.market + e.sameAccount;
  return total ? Math.round((100 * e.market) / total) : undefined;
}

/** "12 sales · 8 market · 1 same account as the deal": a whole area's or workspace's evidence. */
export function mixSummary(e: { sales: number; market: number; sameAccount: number }): string {
  return [`${e.sales} sales`, `${e.market} market`, ...(e.sameAccount ? [sameAccountPhrase(e.sameAccount)] : [])].join(' · ');
}
