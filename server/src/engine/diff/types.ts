/**
 * The roadmap diff: what a change (a pull request, a branch, the working tree) does to the roadmap,
 * computed from two report models — the base's and the head's, each judged with its own config —
 * never from the text of the files. Plain JSON: `inbound diff --format json` prints it as it is, the
 * language server answers `inbound/diff` with it, and every rendering reads only this.
 *
 * Lines are 0-based, as in the report.
 */
import type { SeveritySetting, RuleCode } from '../../../../schemas/config';
import type { Status } from '../../../../schemas/primitives';
import type { EvidenceItem, RoadmapHeadline, UnreadFile, Verdict, WaiverRecord } from '../report/types';

/** One side of the comparison. */
export interface DiffSide {
  /** How the person named it: a ref (`main`, `origin/main`, a SHA), or `working tree`. */
  label: string;
  /** The commit, for a git revision. */
  commit?: string;
  /** Requirement files on this side (in the paths compared), unread ones included. */
  files: number;
  requirements: number;
  /** The roadmap's readiness on this side, as the report's headline counts it. */
  roadmap: RoadmapHeadline;
}

/** A requirement as one side judges it. */
export interface RequirementState {
  status?: Status;
  onRoadmap: boolean;
  verdict: Verdict;
  /** Complete evidence, counted as the report counts it; `needs`: the market evidence its policy asks for. */
  evidence: { deals: number; rfps: number; market: number; sameAccount: number; needs: number };
}

/**
 * A requirement the diff speaks of: where it is written at head (`side: 'head'`, what a click opens),
 * or at the base for one this change removes (`side: 'base'`); and how each side judges it.
 */
export interface DiffRequirement {
  /** The project's folder, relative ('.'): only when the diff spans more than one project. */
  project?: string;
  id?: string;
  title?: string;
  file: string;
  path: string;
  line: number;
  side: 'head' | 'base';
  /** Absent for a requirement the base does not have. */
  base?: RequirementState;
  /** Absent for a requirement this change removes. */
  head?: RequirementState;
}

/**
 * Why a verdict changed, as far as the two report models can tell: the requirement's own status,
 * evidence, waiver or owner; the project's policy (its config); a finding silenced or no longer
 * silenced; `other`: none of these (a rule's message changed, a finding elsewhere).
 */
export const CAUSES = ['status', 'evidence', 'waiver', 'owner', 'policy', 'silenced', 'other'] as const;
export type Cause = (typeof CAUSES)[number];

export interface VerdictChange extends DiffRequirement {
  base: RequirementState;
  head: RequirementState;
  because: Cause[];
  /** For a change to `waived`: who approved the exception, and why. */
  approvedBy?: string;
  reason?: string;
}

export interface EvidenceChange extends DiffRequirement {
  base: RequirementState;
  head: RequirementState;
  added: EvidenceItem[];
  removed: EvidenceItem[];
  /**
   * Market items on both sides whose independence changed: a deal from the same account turned an
   * interview into the same voice (`independent: false` now), or the deal went and it counts again.
   */
  reclassified: EvidenceItem[];
}

export interface NewWarning extends DiffRequirement {
  head: RequirementState;
  code: 'single-deal' | 'sales-only';
  /** The finding's message at head, as the editor and `inbound check` show it. */
  message: string;
}

export interface WaiverChange extends DiffRequirement {
  change: 'added' | 'changed' | 'removed';
  from?: WaiverRecord;
  to?: WaiverRecord;
}

export interface RenamedRequirement extends DiffRequirement {
  /** The id at the base; `id` is the new one. */
  from: string;
}

export interface MovedRequirement extends DiffRequirement {
  /** Where it was written at the base (`file`, `path`, `line` say where it is now). */
  from: { project?: string; file: string; path: string; line: number };
}

export interface Amounts {
  /** Absent: amounts written without a currency. */
  currency?: string;
  total: number;
}

/** An account whose sales conversations now drive more of the roadmap, or more deal value, than at the base. */
export interface AccountShift {
  account: string;
  /** Open requirements its sales evidence drives that are on the roadmap. */
  onRoadmap: { base: number; head: number };
  /** Open requirements its sales evidence drives. */
  requirements: { base: number; head: number };
  /** … of which have no market evidence at all. */
  withoutMarketEvidence: { base: number; head: number };
  /** Summed deal amounts per currency, each deal once (as the report's concentration sums them). */
  amounts: { base: Amounts[]; head: Amounts[] };
}

/** The parts of a project's policy the verdicts depend on. */
export interface PolicySummary {
  roadmapStatuses: string[];
  minMarketEvidence: number;
  staleAfterDays: number;
  rules: Partial<Record<RuleCode, SeveritySetting>>;
}

export interface PolicySetting {
  /** As written in inbound.config.yaml: `min-market-evidence`, `roadmap.statuses`, `rules.roadmap-gate`… */
  setting: string;
  /** As the policy reads it; `default` where the config does not set a rule. */
  base: string;
  head: string;
}

export interface PolicyChange {
  /** The project's folder, relative ('.'). */
  project: string;
  /**
   * The project's config is new (`added`: compared with the project around it at the base, which
   * judged its files before) or gone (`removed`: compared with the project around it now).
   */
  config?: 'added' | 'removed';
  settings: PolicySetting[];
  /** Verdicts this policy change alone turned (the requirement itself is as it was). */
  verdicts: number;
}

export interface RoadmapDiff {
  /** The day both sides are judged on (the one clock). */
  today: string;
  base: DiffSide;
  head: DiffSide;
  /** Requirements this change puts on the roadmap (a roadmap status at head, not at the base), with their verdict at head. */
  entered: DiffRequirement[];
  /** Requirements this change takes off the roadmap: stepped back, shipped or rejected, or removed (no `head`). */
  left: DiffRequirement[];
  /** Requirements on both sides whose verdict changed. */
  verdicts: VerdictChange[];
  evidence: EvidenceChange[];
  /** `single-deal` and `sales-only` findings at head that the base did not show on the requirement. */
  warnings: NewWarning[];
  waivers: WaiverChange[];
  added: DiffRequirement[];
  removed: DiffRequirement[];
  renamed: RenamedRequirement[];
  moved: MovedRequirement[];
  concentration: AccountShift[];
  policy: PolicyChange[];
  /**
   * What `--fail-on` reads. `blocked`: requirements this change puts on the roadmap that the gate
   * blocks, and requirements already on it that it newly blocks. `atRisk`: the same for at risk
   * (single-deal, sales-only) and no evidence.
   */
  attention: { blocked: DiffRequirement[]; atRisk: DiffRequirement[] };
  /** Files whose YAML could not be read on a side: their requirements are not compared. */
  unread: { base: UnreadFile[]; head: UnreadFile[] };
}
