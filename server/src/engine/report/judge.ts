/**
 * Each requirement's verdict and evidence counts, read from the findings shown on it, and the roadmap
 * headline summed from them. This is the one place every number a person sees comes from: the
 * report, the status bar and its tooltip, the code lens and the CLI's summary all read it, so they
 * cannot disagree.
 *
 * A file whose YAML cannot be read (or that is too large to check) is counted as such and named;
 * its requirements would be guesses, so none of them enters a total.
 */
import type { RuleCode } from '../../../../schemas/config';
import type { FileAnalysis } from '../analyze';
import { evidenceCounts } from '../independence';
import type { EvidenceCounts } from '../independence';
import type { Requirement } from '../model';
import type { RuleContext } from '../rules/rule';
import type { Diagnostic, Finding, Span, Suppressed } from '../types';
import type { FileDiagnostics, Workspace } from '../workspace';
import { isOnRoadmap, verdictOf } from './readiness';
import type { RoadmapHeadline, Verdict } from './types';

export interface JudgedRequirement {
  readonly req: Requirement;
  readonly verdict: Verdict;
  readonly onRoadmap: boolean;
  readonly counts: EvidenceCounts;
  /** The findings shown on it, after the policy; silenced ones are in `quiet`. */
  readonly shown: Diagnostic[];
  readonly quiet: Suppressed[];
}

export interface JudgedFile {
  file: string;
  analysis: FileAnalysis;
  /** Why the file was not read: its first `yaml-syntax` or `file-too-large` finding. */
  unread?: Finding;
  /** Empty for a file that was not read. */
  requirements: JudgedRequirement[];
  diagnostics: FileDiagnostics;
}

/** Findings that mean the file's YAML was not read: its requirements would be guesses. */
const UNREAD: readonly RuleCode[] = ['yaml-syntax', 'file-too-large'];

// The workspace keeps one `FileDiagnostics` per state of a file (its text, its cross-file findings,
// the policy): what is judged from it holds as long as that object does.
const memo = new WeakMap<FileDiagnostics, JudgedFile>();

export function judgeFile(workspace: Workspace, file: string): JudgedFile | undefined {
  const analysis = workspace.get(file);
  if (!analysis) return undefined;
  const diagnostics = workspace.diagnostics(file);
  const kept = memo.get(diagnostics);
  if (kept && kept.analysis === analysis) return kept;
  const ctx: RuleContext = { policy: workspace.policy, today: workspace.today };
  const unread = analysis.findings.find((f) => UNREAD.includes(f.code));
  const requirements: JudgedRequirement[] = [];
  if (!unread) {
    for (const req of analysis.model.requirements) requirements.push(new Judged(req, isOnRoadmap(req, ctx), diagnostics, ctx));
  }
  const judged: JudgedFile = { file, analysis, unread, requirements, diagnostics };
  memo.set(diagnostics, judged);
  return judged;
}

/**
 * One requirement judged. What is asked of it is worked out when first read, then kept: `inbound
 * check` sums only the roadmap's verdicts and reads no counts, and they were a fifth of a cached
 * re-run. A class, not an object with getters: that was 800 bytes a requirement (a closure and its
 * context per getter), this is a tenth of it, and the CLI judges 100,000 at once.
 */
class Judged implements JudgedRequirement {
  #shown?: Diagnostic[];
  #quiet?: Suppressed[];
  #verdict?: Verdict;
  #counts?: EvidenceCounts;
  // Private fields, not properties: a copy or a serialisation of a judged requirement shows what it
  // is, not its file's every finding.
  readonly #diagnostics: FileDiagnostics;
  readonly #ctx: RuleContext;

  constructor(
    readonly req: Requirement,
    readonly onRoadmap: boolean,
    diagnostics: FileDiagnostics,
    ctx: RuleContext,
  ) {
    this.#diagnostics = diagnostics;
    this.#ctx = ctx;
  }

  get shown(): Diagnostic[] {
    return (this.#shown ??= within(this.#diagnostics.diagnostics, this.req.span));
  }

  get quiet(): Suppressed[] {
    return (this.#quiet ??= within(this.#diagnostics.suppressed, this.req.span));
  }

  get verdict(): Verdict {
    return (this.#verdict ??= verdictOf(this.req, new Set(this.shown.map((d) => d.code)), this.#ctx));
  }

  get counts(): EvidenceCounts {
    return (this.#counts ??= evidenceCounts(this.req));
  }
}

/** The requirement of a file whose list item holds this offset (for a lens or hover). */
export function judgedAt(judged: JudgedFile, req: Requirement): JudgedRequirement | undefined {
  return judged.requirements.find((r) => r.req === req);
}

/** The roadmap headline and the totals beside it, summed file by file. */
export class ReadinessTally {
  files = 0;
  requirements = 0;
  readonly roadmap: RoadmapHeadline = { total: 0, ready: 0, waived: 0, blocked: 0, atRisk: 0, noEvidence: 0 };
  readonly unread: JudgedFile[] = [];
  // The requirements off the roadmap, whose verdicts are asked only when this count is read: an
  // off-roadmap verdict asks the gate about a probe, the most of judging, and the CLI never shows it.
  readonly #offRoadmap: JudgedRequirement[] = [];
  #readyToPromote?: number;

  get readyToPromote(): number {
    if (this.#readyToPromote === undefined) {
      let n = 0;
      for (const r of this.#offRoadmap) if (r.verdict === 'ready') n++;
      this.#readyToPromote = n;
    }
    return this.#readyToPromote;
  }

  add(judged: JudgedFile): void {
    this.files++;
    if (judged.unread) this.unread.push(judged);
    for (const r of judged.requirements) {
      this.requirements++;
      if (!r.onRoadmap) {
        this.#offRoadmap.push(r);
        this.#readyToPromote = undefined;
        continue;
      }
      const h = this.roadmap;
      h.total++;
      if (r.verdict === 'ready') h.ready++;
      else if (r.verdict === 'waived') h.waived++;
      else if (r.verdict === 'blocked') h.blocked++;
      else if (r.verdict === 'at-risk') h.atRisk++;
      else if (r.verdict === 'no-evidence') h.noEvidence++;
    }
  }
}

/** The whole workspace's tally (or some of its files'): what the status bar and the CLI summary show. */
export function tallyWorkspace(workspace: Workspace, only?: (file: string) => boolean): ReadinessTally {
  const tally = new ReadinessTally();
  for (const file of workspace.fileNames()) {
    if (only && !only(file)) continue;
    const judged = judgeFile(workspace, file);
    if (judged) tally.add(judged);
  }
  return tally;
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
