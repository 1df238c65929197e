/**
 * What a requirement's evidence says, counted once for the rules, the report, the code lens and
 * hover alike: its sales conversations, and which of its market evidence is *independent*.
 *
 * Interviewing the customer whose deal asked for a feature hears the same voice again: a market
 * item naming an account that the requirement's own sales evidence names is not independent. It
 * lifts neither the roadmap gate nor single-deal / sales-only, and every message says why.
 */
import type { EvidenceKind } from '../../../schemas/evidence';
import type { Evidence, Requirement } from './model';

export interface RequirementEvidence {
  /** Complete sales items (deals and RFPs). */
  sales: Evidence[];
  /** Complete market items from accounts other than the requirement's own sales accounts, or from none. */
  independent: Evidence[];
  /** Complete market items naming an account the requirement's own sales evidence names. */
  sameVoice: Evidence[];
  /**
   * The accounts of the requirement's sales evidence (complete or not), by comparison key: the name
   * as first written, and whether a deal (not only an RFP) names it.
   */
  salesAccounts: Map<string, { name: string; deal: boolean }>;
}

/** The counts every view shows: the code lens, hover, the report's rows and the evidence mix. */
export interface EvidenceCounts {
  /** Complete sales items: deals and RFPs. */
  sales: number;
  deals: number;
  rfps: number;
  /** Independent market evidence: what the roadmap gate counts. */
  market: number;
  /** Market items from the deal's own account: shown, not counted as market evidence. */
  sameAccount: number;
  /** Complete items by kind, the same-account ones included. */
  byKind: Partial<Record<EvidenceKind, number>>;
  /** Items with a schema finding of their own: they do not count yet. */
  incomplete: number;
}

// Requirements (and their evidence lists) are replaced, never changed, when their text changes: the
// reading can be kept. Keyed by the evidence list, which is all it reads, so the copies the verdict
// makes to ask the roadmap gate about a requirement (report/readiness.ts) share the reading.
const memo = new WeakMap<readonly Evidence[], RequirementEvidence>();

export function evidenceOf(req: Requirement): RequirementEvidence {
  let read = memo.get(req.evidence);
  if (!read) {
    read = readEvidence(req);
    memo.set(req.evidence, read);
  }
  return read;
}

function readEvidence(req: Requirement): RequirementEvidence {
  const salesAccounts = new Map<string, { name: string; deal: boolean }>();
  // Any sales item naming an account makes that account the deal's voice, complete or not: an
  // unfinished deal entry does not turn an interview with the same customer into the market.
  for (const e of req.evidence) {
    if (e.class !== 'sales' || !e.accountKey) continue;
    const known = salesAccounts.get(e.accountKey);
    if (!known) salesAccounts.set(e.accountKey, { name: e.account!, deal: e.kind === 'sales-deal' });
    else if (e.kind === 'sales-deal') known.deal = true;
  }
  const sales: Evidence[] = [];
  const independent: Evidence[] = [];
  const sameVoice: Evidence[] = [];
  for (const e of req.evidence) {
    if (!e.complete) continue;
    if (e.class === 'sales') sales.push(e);
    else if (e.class === 'market') (e.accountKey && salesAccounts.has(e.accountKey) ? sameVoice : independent).push(e);
  }
  return { sales, independent, sameVoice, salesAccounts };
}

export function evidenceCounts(req: Requirement): EvidenceCounts {
  const { sales, independent, sameVoice } = evidenceOf(req);
  const byKind: Partial<Record<EvidenceKind, number>> = {};
  let incomplete = 0;
  for (const e of req.evidence) {
    if (!e.complete || !e.kind || !e.class) {
      incomplete++;
      continue;
    }
    byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  }
  const deals = sales.filter((e) => e.kind === 'sales-deal').length;
  return { sales: sales.length, deals, rfps: sales.length - deals, market: independent.length, sameAccount: sameVoice.length, byKind, incomplete };
}

const KIND_NOUN: Record<EvidenceKind, [string, string]> = {
  'sales-deal': ['a sales deal', 'sales deals'],
  rfp: ['an RFP', 'RFPs'],
  interview: ['an interview', 'interviews'],
  'support-tickets': ['a support-ticket count', 'support-ticket counts'],
  metric: ['a metric', 'metrics'],
  survey: ['a survey', 'surveys'],
  research: ['a piece of research', 'pieces of research'],
  analyst: ['an analyst note', 'analyst notes'],
  competitor: ['a competitor comparison', 'competitor comparisons'],
  'win-loss': ['a win-loss review', 'win-loss reviews'],
  community: ['a community thread', 'community threads'],
  'usability-test': ['a usability test', 'usability tests'],
};

/**
 * Why some market evidence does not count, in a product manager's words: "an interview with Globex
 * AG, whose deal this is, is the same voice, not the market". Undefined when there is none.
 */
export function sameVoiceNote(read: RequirementEvidence): string | undefined {
  const items = read.sameVoice;
  if (items.length === 0) return undefined;
  const byAccount = new Map<string, Evidence[]>();
  for (const e of items) {
    const list = byAccount.get(e.accountKey!);
    if (list) list.push(e);
    else byAccount.set(e.accountKey!, [e]);
  }
  const accounts = [...byAccount.keys()].map((key) => read.salesAccounts.get(key)!);
  const parts = [...byAccount.values()].map((list, i) => `${what(list)} with ${accounts[i].name}`);
  const whose = accounts.length > 1 ? 'whose deals these are' : accounts[0].deal ? 'whose deal this is' : 'whose RFP this is';
  const verb = items.length === 1 ? 'is' : 'are';
  return `${joinAnd(parts)}, ${whose}, ${verb} the same voice, not the market`;
}

/** "an interview", "2 interviews", "an interview and a win-loss review". */
function what(items: readonly Evidence[]): string {
  const byKind = new Map<EvidenceKind, number>();
  for (const e of items) byKind.set(e.kind!, (byKind.get(e.kind!) ?? 0) + 1);
  return joinAnd([...byKind.entries()].map(([kind, n]) => (n === 1 ? KIND_NOUN[kind][0] : `${n} ${KIND_NOUN[kind][1]}`)));
}

function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Nobody approves their own exception: the owner compared ignoring case and surrounding space. */
export function samePerson(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}
