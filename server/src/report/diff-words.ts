/**
 * The roadmap diff's words, shared by its Markdown and HTML: the headline a reviewer reads first,
 * and how a requirement, a verdict change or an evidence item reads in a row. Text from the files is
 * passed through `inline` (Markdown's inert `cell`; the identity for JSX, which escapes by itself).
 */
import type { DiffRequirement, MovedRequirement, PolicyChange, RequirementState, RoadmapDiff, VerdictChange } from '../engine/diff';
import type { EvidenceItem, WaiverRecord } from '../engine/report';
import type { Verdict } from '../engine/report';
import { formatAmounts, formatNumber, kindLabel, plural, statusLabel, VERDICT_LABEL } from './words';

export type Inline = (text: string) => string;

/** How a requirement is named in a sentence: its id, else its title, else where it is. */
export function requirementName(r: DiffRequirement): string {
  return r.id ?? r.title ?? `${r.path}:${r.line + 1}`;
}

/** "2 deals, no market evidence"; "1 deal, 1 of 2 market evidence, 1 same account as the deal"; "no evidence". */
export function evidenceWhy(s: RequirementState): string {
  const e = s.evidence;
  if (!e.deals && !e.rfps && !e.market && !e.sameAccount) return 'no evidence';
  const market = e.market === 0 ? 'no market evidence' : e.market < e.needs ? `${e.market} of ${e.needs} market evidence` : plural(e.market, 'market item');
  return [
    ...(e.deals ? [plural(e.deals, 'deal')] : []),
    ...(e.rfps ? [plural(e.rfps, 'RFP')] : []),
    market,
    ...(e.sameAccount ? [`${e.sameAccount} same account as the deal`] : []),
  ].join(', ');
}

/** "DL-1: 2 deals, no market evidence; DL-2: …" — the first few, then how many more. */
function named(list: readonly DiffRequirement[], inline: Inline, max = 3): string {
  const parts = list.slice(0, max).map((r) => {
    const where = r.project && r.project !== '.' ? ` in ${inline(r.project)}` : '';
    return `${inline(requirementName(r))}${where}: ${evidenceWhy(r.head!)}`;
  });
  return parts.join('; ') + (list.length > max ? `; and ${list.length - max} more` : '');
}

const isAtRisk = (v: Verdict | undefined) => v === 'at-risk' || v === 'no-evidence';

/** Nothing at all changed: no requirement, verdict, evidence, waiver, account shift, policy or unread file. */
export function isEmptyDiff(d: RoadmapDiff): boolean {
  return (
    !d.entered.length &&
    !d.left.length &&
    !d.verdicts.length &&
    !d.evidence.length &&
    !d.warnings.length &&
    !d.waivers.length &&
    !d.added.length &&
    !d.removed.length &&
    !d.renamed.length &&
    !d.moved.length &&
    !d.concentration.length &&
    !d.policy.length &&
    !d.unread.head.length &&
    !d.unread.base.length
  );
}

/**
 * The one sentence a reviewer reads first: what moves onto or off the roadmap, how the gate judges
 * what moves on, and what this change newly blocks among what is already there.
 * "This change puts 2 requirements on the roadmap; 1 is blocked by the gate (DL-1: 2 deals, no market evidence)."
 */
export function diffHeadline(d: RoadmapDiff, inline: Inline): string {
  const e = d.entered.length;
  const l = d.left.length;
  if (isEmptyDiff(d)) return 'This change does not touch the roadmap: no requirement, verdict, evidence, waiver or policy changed.';
  let sentence: string;
  if (e && l) sentence = `This change puts ${plural(e, 'requirement')} on the roadmap and takes ${l} off it`;
  else if (e) sentence = `This change puts ${plural(e, 'requirement')} on the roadmap`;
  else if (l) sentence = `This change takes ${plural(l, 'requirement')} off the roadmap`;
  else sentence = 'This change does not move anything onto or off the roadmap';

  const clauses: string[] = [];
  if (e) {
    const blocked = d.entered.filter((r) => r.head?.verdict === 'blocked');
    const atRisk = d.entered.filter((r) => isAtRisk(r.head?.verdict));
    const waived = d.entered.filter((r) => r.head?.verdict === 'waived');
    const is = (n: number) => (n === 1 ? 'is' : 'are');
    if (blocked.length) clauses.push(`${blocked.length} ${is(blocked.length)} blocked by the gate (${named(blocked, inline)})`);
    if (atRisk.length) clauses.push(`${atRisk.length} ${is(atRisk.length)} at risk (${named(atRisk, inline)})`);
    if (waived.length) clauses.push(`${waived.length} ${is(waived.length)} on it by a waiver`);
    if (!clauses.length) sentence += e === 1 ? ', which passes the gate' : ', all of which pass the gate';
  }
  const entered = new Set(d.entered);
  const newlyBlocked = d.attention.blocked.filter((r) => !entered.has(r));
  const newlyAtRisk = d.attention.atRisk.filter((r) => !entered.has(r));
  const already: string[] = [];
  if (newlyBlocked.length) already.push(`newly blocks ${plural(newlyBlocked.length, 'requirement')} already on it (${named(newlyBlocked, inline)})`);
  if (newlyAtRisk.length) already.push(`puts ${plural(newlyAtRisk.length, 'requirement')} already on it at risk (${named(newlyAtRisk, inline)})`);
  const unread = d.unread.head.map((f) => f.path);
  const unreadNote = unread.length
    ? `${plural(unread.length, 'file')} could not be read (${inline(unread.slice(0, 3).join(', '))}${unread.length > 3 ? ` and ${unread.length - 3} more` : ''}): ${unread.length === 1 ? 'its' : 'their'} requirements are not compared`
    : '';
  if (already.length) {
    if (!e && !l && !clauses.length) sentence += `, but it ${already.join(' and ')}`;
    else clauses.push(`it also ${already.join(' and ')}`);
  }
  if (unreadNote) clauses.push(unreadNote);
  return clauses.length ? `${sentence}; ${clauses.join('; ')}.` : `${sentence}.`;
}

/** "merge base with main (1a2b3c4d)" or "v1.2 (1a2b3c4d)". */
export function sideName(side: { label: string; commit?: string }): string {
  return side.commit ? `${side.label} (${side.commit.slice(0, 8)})` : side.label;
}

export function verdictName(v: Verdict | undefined): string {
  return v ? VERDICT_LABEL[v] : '—';
}

/** "Validated → Roadmap", "Roadmap → removed", "new: Roadmap". */
export function statusChange(r: DiffRequirement): string {
  if (!r.base) return `new: ${statusLabel(r.head?.status)}`;
  if (!r.head) return `${statusLabel(r.base.status)} → removed`;
  if (r.base.status === r.head.status) return statusLabel(r.head.status);
  return `${statusLabel(r.base.status)} → ${statusLabel(r.head.status)}`;
}

/** "1 → 2" when it changed, else "2". */
export function countChange(before: number | undefined, after: number | undefined): string {
  if (before === undefined) return String(after ?? 0);
  if (after === undefined) return `${before} → 0`;
  return before === after ? String(after) : `${before} → ${after}`;
}

const CAUSE_WORDS: Record<VerdictChange['because'][number], string> = {
  status: 'status changed',
  evidence: 'evidence changed',
  waiver: 'waiver changed',
  owner: 'owner changed',
  policy: 'the policy changed',
  silenced: 'a finding silenced or heard again',
  other: 'findings elsewhere changed',
};

/** Why a verdict changed, in words: "evidence changed; approved by vp@…: reason". */
export function because(v: VerdictChange, d: RoadmapDiff): string {
  const parts = v.because.map((c) => {
    if (c !== 'policy') return CAUSE_WORDS[c];
    const change = d.policy.find((p) => p.project === (v.project ?? '.')) ?? (v.project === undefined ? d.policy[0] : undefined);
    if (!change) return CAUSE_WORDS.policy;
    const settings = change.settings.map((s) => `${s.setting} ${s.base} → ${s.head}`).join(', ');
    const config = change.config === 'added' ? `a new config in ${change.project}` : change.config === 'removed' ? `the config of ${change.project} removed` : 'the policy changed';
    return settings ? `${config} (${settings})` : config;
  });
  if (v.approvedBy) parts.push(`approved by ${v.approvedBy}${v.reason ? `: ${v.reason}` : ''}`);
  return parts.join('; ');
}

/** Where a moved requirement was and is: "a.req.yaml:3 → b.req.yaml:9", or its project, when only that changed. */
export function movedText(r: MovedRequirement): string {
  if (r.from.file === r.file) return `${r.path}:${r.line + 1}, now in project ${r.project ?? '.'} (was ${r.from.project ?? '.'})`;
  return `${r.from.path}:${r.from.line + 1} → ${r.path}:${r.line + 1}`;
}

/** "added config", "removed config", or nothing. */
export function configChange(p: PolicyChange): string {
  return p.config === 'added' ? ' (new config)' : p.config === 'removed' ? ' (config removed)' : '';
}

/** One evidence item on a line: "Sales deal: Acme GmbH, OPP-1, EUR 120,000, 2026-09-12". */
export function itemText(e: EvidenceItem): string {
  const amount = e.amount === undefined ? undefined : formatAmounts([{ ...(e.currency ? { currency: e.currency.toUpperCase() } : {}), total: e.amount }]);
  const parts = [e.account, e.deal, amount, e.stage, e.date].filter((x): x is string => !!x);
  const voice = e.class === 'market' && e.independent === false ? ' (same account as the deal, not counted)' : '';
  return `${kindLabel(e.kind)}: ${parts.join(', ')}${voice}`;
}

/** A market item whose independence changed: "Interview: Globex AG, 2026-10-05 — now the same voice as its deal". */
export function reclassifiedText(e: EvidenceItem): string {
  const { independent, ...item } = e;
  return `${itemText(item)} — ${independent ? 'counts as market evidence again' : 'now the same account as a deal: not counted'}`;
}

/** A waiver as a reviewer reads it: reason and approver, and whether it waives anything. */
export function waiverText(w: WaiverRecord | undefined): string {
  if (!w) return '—';
  const who = w.approvedBy ? `approved by ${w.approvedBy}` : 'no approver';
  const gap = w.complete ? '' : w.selfApproved ? '; approved by its own owner: it waives nothing' : '; incomplete: it waives nothing';
  return `${w.reason ?? 'no reason'} (${who}${w.date ? `, ${w.date}` : ''}${gap})`;
}

/** "EUR 120,000 → EUR 240,000". */
export function amountsChange(before: Parameters<typeof formatAmounts>[0], after: Parameters<typeof formatAmounts>[0]): string {
  const a = before.length ? formatAmounts(before) : '—';
  const b = after.length ? formatAmounts(after) : '—';
  return a === b ? b : `${a} → ${b}`;
}

/** Verdicts that moved with a requirement onto or off the roadmap are told in those sections. */
export function notToldAbove(d: RoadmapDiff): (r: DiffRequirement) => boolean {
  const key = (r: DiffRequirement) => `${r.side}\u0000${r.file}\u0000${r.line}`;
  const told = new Set([...d.entered, ...d.left].map(key));
  return (r) => !told.has(key(r));
}

export { formatNumber };
