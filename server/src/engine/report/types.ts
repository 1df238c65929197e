/**
 * The report: one plain, JSON-serialisable picture of the workspace's evidence health. The
 * language server sends it as it is, and every rendering (webview, Markdown, HTML, CSV, JSON) reads
 * only this, so the views can never disagree with each other.
 *
 * Lines are 0-based (as the editor counts them, for "open at line"); renderings for people add one.
 */
import type { EvidenceClass, EvidenceKind } from '../../../../schemas/evidence';
import type { RuleCode, SeveritySetting } from '../../../../schemas/config';
import type { Status } from '../../../../schemas/primitives';
import type { Severity } from '../types';

/**
 * What a requirement's evidence says about it, most urgent first:
 * - `blocked`: on the roadmap without the market evidence the policy asks for, and no waiver;
 * - `at-risk`: rests on one account's sales conversations, or on sales conversations alone;
 * - `no-evidence`: proposed or further along, with nothing behind it;
 * - `waived`: on the roadmap without that market evidence, by an approved exception;
 * - `gathering`: not yet the market evidence the roadmap asks for, and nothing to warn about
 *   (an idea, or a proposal whose market evidence is still short of the policy);
 * - `ready`: has the market evidence the roadmap asks for, and nothing to warn about;
 * - `closed`: shipped or rejected; its evidence is history, and the rules no longer judge it.
 */
export const VERDICTS = ['blocked', 'at-risk', 'no-evidence', 'waived', 'gathering', 'ready', 'closed'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * Complete evidence items only: a placeholder lifts nothing until a person fills it in. `market` is
 * independent market evidence; `sameAccount` counts market items from the deal's own account (the
 * same voice), shown but not counted as market evidence. `byKind` has only the kinds that occur.
 */
export type { EvidenceCounts } from '../independence';
import type { EvidenceCounts } from '../independence';

export interface FindingSummary {
  code: RuleCode;
  severity: Severity;
  message: string;
}

export interface SilencedSummary {
  code: RuleCode;
  reason: string;
}

export interface RequirementReadiness {
  /** The file as the caller names it (the workspace's key unless `fileName` maps it). */
  file: string;
  /** The file for people: without the folder every file shares. */
  path: string;
  /** 0-based line of the id (of the item's first line when it has no id). */
  line: number;
  id?: string;
  title?: string;
  area?: string;
  status?: Status;
  owner?: string;
  /** The status is one of the policy's roadmap statuses. */
  onRoadmap: boolean;
  verdict: Verdict;
  evidence: EvidenceCounts;
  /** Distinct accounts among the complete evidence, as first written in the workspace. */
  accounts: string[];
  /** The approved exception, when the verdict is `waived`. */
  waiver?: { reason: string; approvedBy: string; date?: string };
  /** The findings shown on this requirement (after the policy; silenced ones are in `silenced`). */
  findings: FindingSummary[];
  silenced: SilencedSummary[];
  /** What it rests on, item by item: only with `details` (the roadmap diff compares it). */
  detail?: RequirementDetail;
}

/** One complete evidence item, compactly: what the roadmap diff needs to tell what was added or removed. */
export interface EvidenceItem {
  kind: EvidenceKind;
  class: EvidenceClass;
  /** As first written in the workspace (see `accounts`). */
  account?: string;
  deal?: string;
  amount?: number;
  currency?: string;
  stage?: string;
  date: string;
  /** Market items only: whether it counts as market evidence (not from the requirement's own sales accounts). */
  independent?: boolean;
}

/** The waiver as written, complete or not (`waiver` above is there only when it waives the gate). */
export interface WaiverRecord {
  reason?: string;
  approvedBy?: string;
  date?: string;
  /** A reason, and an approver other than the owner. */
  complete: boolean;
  /** Approved by the requirement's own owner: nobody approves their own exception. */
  selfApproved?: true;
}

export interface RequirementDetail {
  /** Complete items, in the order written. */
  evidence: EvidenceItem[];
  waiver?: WaiverRecord;
}

export interface DealAmount {
  /** As written, upper-cased; absent for amounts given without a currency. */
  currency?: string;
  total: number;
}

/** One account's pull on the open requirements through its sales conversations. */
export interface AccountConcentration {
  account: string;
  /** Open requirements (not shipped or rejected) with sales evidence from this account. */
  requirements: number;
  /** … of which have no complete market evidence at all. */
  withoutMarketEvidence: number;
  /** … of which are on the roadmap. */
  onRoadmap: number;
  /** Their ids (or titles, for a requirement without an id), in workspace order. */
  drives: string[];
  /** Distinct deals (an account's deal counts once, however many requirements cite it). */
  deals: number;
  /** Summed deal amounts per currency; each deal counts once, with the first amount given for it. */
  amounts: DealAmount[];
}

export interface KindCount {
  kind: EvidenceKind;
  class: EvidenceClass;
  count: number;
}

export interface AreaEvidence {
  /** Absent for requirements in files without an `area`. */
  area?: string;
  requirements: number;
  sales: number;
  /** Independent market evidence. */
  market: number;
  /** Market items from a deal's own account: the same voice, not counted as market evidence. */
  sameAccount: number;
  byKind: Partial<Record<EvidenceKind, number>>;
}

export interface EvidenceMix {
  sales: number;
  market: number;
  sameAccount: number;
  /** Every kind, in the order of the kinds table, zeros included. */
  byKind: KindCount[];
  /** Areas by name; requirements without an area last. */
  byArea: AreaEvidence[];
}

export interface StaleEvidence {
  file: string;
  path: string;
  /** 0-based line of the evidence's date. */
  line: number;
  requirement?: string;
  title?: string;
  kind?: EvidenceKind;
  account?: string;
  date: string;
  ageDays: number;
}

export interface SilencedFinding {
  file: string;
  path: string;
  line: number;
  requirement?: string;
  code: RuleCode;
  message: string;
  reason: string;
}

/** A file the report leaves out because its YAML could not be read (or it is too large). */
export interface UnreadFile {
  file: string;
  path: string;
  line: number;
  message: string;
}

export interface RoadmapHeadline {
  /** Requirements with a roadmap status. */
  total: number;
  ready: number;
  waived: number;
  blocked: number;
  atRisk: number;
  noEvidence: number;
}

export interface Report {
  /** The day the report describes (the one clock: `--today` or the real date). */
  today: string;
  policy: { roadmapStatuses: string[]; minMarketEvidence: number; staleAfterDays: number };
  files: number;
  headline: {
    requirements: number;
    roadmap: RoadmapHeadline;
    /** Proposed or validated requirements that would pass the gate today. */
    readyToPromote: number;
  };
  byStatus: Record<Status, number> & { none: number };
  byVerdict: Record<Verdict, number>;
  /** Every requirement, in file order and then as written. */
  requirements: RequirementReadiness[];
  /** The squeaky wheel: accounts ranked by how many open requirements their deals drive. */
  concentration: AccountConcentration[];
  evidenceMix: EvidenceMix;
  /** Evidence older than the policy's `stale-after-days`, oldest first. */
  staleEvidence: StaleEvidence[];
  /** Findings a person silenced with `# inbound-ignore CODE -- reason`. */
  silenced: SilencedFinding[];
  unreadFiles: UnreadFile[];
  /** The config's rule settings (only with `details`): a policy change the roadmap diff can name. */
  rules?: Partial<Record<RuleCode, SeveritySetting>>;
}
