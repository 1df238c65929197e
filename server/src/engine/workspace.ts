/**
 * The workspace: every requirement file's analysis, the cross-file rules over all of them, and the
 * policy that turns findings into diagnostics. The CLI and the language server both drive this one
 * class, so the editor and CI can never disagree.
 */
import { DEFAULT_POLICY } from '../../../schemas/config';
import type { Policy } from '../../../schemas/config';
import { analyzeFile } from './analyze';
import { buildCatalog } from './catalog';
import type { Catalog } from './catalog';
import type { FileAnalysis } from './analyze';
import { todayIso } from './clock';
import { readPolicy } from './policy';
import { sameSource } from './source';
import { isStorable, policyKey, restoreAnalysis, storeAnalysis } from './stored-analysis';
import type { FileSource } from './source';
import { DEFAULT_SEVERITY, WORKSPACE_RULES } from './rules';
import type { RuleContext } from './rules/rule';
import { LineIndex } from './text';
import type { Diagnostic, Finding, Span, Suppressed } from './types';

export interface FileDiagnostics {
  diagnostics: Diagnostic[];
  suppressed: Suppressed[];
}

export interface WorkspaceOptions {
  policy?: Policy;
  today?: string;
  /** Analyses kept from an earlier run (a cache on disk): a file whose text and config match is not parsed again. */
  store?: AnalysisStore;
  /**
   * What of each file is kept once it is analysed. `all` (an editor): everything, down to each list
   * item's own findings, to re-read one requirement after an edit. `read` (a command-line run that
   * reports): what the rules, the reports and the output read. `findings` (`inbound check`): what the
   * cross-file rules, the findings and the roadmap's verdicts read, so 100,000 requirements fit in
   * memory beside their text: each requirement keeps its id, title, status, places and depends-on,
   * and its evidence and waiver only when it is on the roadmap.
   */
  keep?: 'all' | 'read' | 'findings';
}

/**
 * Where stored analyses (stored-analysis.ts) are kept between runs. `config` is the effective
 * config's key; whoever keeps them also answers for the text (its hash) and the engine's version.
 */
export interface AnalysisStore {
  recall(file: string, text: string, config: string): Uint8Array | undefined;
  remember(file: string, text: string, config: string, stored: Uint8Array): void;
}

export class Workspace {
  private readonly files = new Map<string, FileAnalysis>();
  /** File names in order: cross-file rules read files in this order, whatever order they came in. */
  private sortedNames?: string[];
  private crossFile?: Map<string, Finding[]>;
  /** A fingerprint of each file's cross-file findings as last computed, to tell whose a change touched. */
  private crossPrints = new Map<string, number>();
  private catalogCache?: Catalog;
  private ctx: RuleContext;
  private readonly store?: AnalysisStore;
  private readonly keep: 'all' | 'read' | 'findings';
  /** The key of the config the store is asked under (see `policyKey`), computed once per policy. */
  private storeKey?: string;
  /** Files whose diagnostics may have changed since `takeChanged` was last called. */
  private readonly dirty = new Set<string>();
  /**
   * Each file's diagnostics, kept until the file, its cross-file findings or the policy change: one
   * object per state of a file, so what is derived from it (verdicts, lenses) can be kept too.
   */
  private readonly judged = new Map<string, FileDiagnostics>();
  /** The config file and its own findings, shown like any other file's. */
  private config?: { file: string; text: string; lines: LineIndex; findings: Finding[] };

  constructor(options: WorkspaceOptions = {}) {
    this.ctx = { policy: options.policy ?? DEFAULT_POLICY, today: options.today ?? todayIso() };
    this.store = options.store;
    this.keep = options.keep ?? 'all';
  }

  get policy(): Policy {
    return this.ctx.policy;
  }

  get today(): string {
    return this.ctx.today;
  }

  /**
   * Read `inbound.config.yaml`; `undefined` text means there is none (defaults apply). `source`: what
   * reading it from disk told (only its head was read, it being far too large); none from an editor.
   */
  setConfig(file: string | undefined, text: string | undefined, source?: FileSource): void {
    if (this.config) {
      this.dirty.add(this.config.file);
      this.judged.delete(this.config.file);
    }
    if (file === undefined || text === undefined) {
      this.config = undefined;
      this.setPolicy(DEFAULT_POLICY);
      return;
    }
    const { policy, findings } = readPolicy(text, source?.size);
    this.config = { file, text, lines: new LineIndex(text), findings };
    this.dirty.add(file);
    this.judged.delete(file);
    this.setPolicy(policy);
  }

  get configFile(): string | undefined {
    return this.config?.file;
  }

  setPolicy(policy: Policy): void {
    this.ctx = { ...this.ctx, policy };
    this.storeKey = undefined;
    this.reanalyzeAll();
  }

  setToday(today: string): void {
    this.ctx = { ...this.ctx, today };
    this.reanalyzeAll();
  }

  private reanalyzeAll(): void {
    this.judged.clear();
    for (const [file, a] of this.files) {
      this.files.set(file, this.analyse(file, a.text, undefined, a.source));
      this.dirty.add(file);
    }
    this.changed();
  }

  /** Whatever was derived from all files together is stale. */
  private changed(): void {
    this.crossFile = undefined;
    this.catalogCache = undefined;
  }

  /**
   * `source`: what reading the file from disk told beyond its text (see source.ts); none for an
   * editor's text. `editing`: the text is an editor's, to be typed in. The first time the workspace
   * sees it, it may come from the store (its findings are out in a fraction of a parse); a restored
   * analysis is read afresh the next time the editor's text is given, whether or not it changed, so
   * that edits after that re-read only the requirement they touch.
   */
  setFile(file: string, text: string, source?: FileSource, editing = false): FileAnalysis {
    const previous = this.files.get(file);
    // A restored analysis cannot be edited piecemeal: a file opened in an editor is read afresh once.
    const fresh = editing && !!previous?.restored;
    if (previous && previous.text === text && sameSource(previous.source, source) && !fresh) return previous;
    const analysis = fresh ? analyzeFile(file, text, this.ctx) : this.analyse(file, text, previous, source);
    if (!previous) this.sortedNames = undefined;
    this.files.set(file, analysis);
    this.dirty.add(file);
    this.judged.delete(file);
    this.changed();
    return analysis;
  }

  /**
   * A file's analysis: after an edit, from its previous one; for a file the workspace does not hold
   * yet, from the store when it has this text under this config (the date rules run again), else
   * from the text, then stored.
   */
  private analyse(file: string, text: string, previous: FileAnalysis | undefined, source: FileSource | undefined): FileAnalysis {
    if (previous || source || !this.store) return this.slim(analyzeFile(file, text, this.ctx, previous, source));
    this.storeKey ??= policyKey(this.ctx);
    const stored = this.store.recall(file, text, this.storeKey);
    if (stored) {
      try {
        return this.slim(restoreAnalysis(file, text, stored, this.ctx));
      } catch {
        // Not a stored analysis after all: analysed afresh below, and stored again.
      }
    }
    const analysis = analyzeFile(file, text, this.ctx, undefined, source);
    if (isStorable(analysis)) this.store.remember(file, text, this.storeKey, storeAnalysis(analysis));
    return this.slim(analysis);
  }

  /** See `WorkspaceOptions.keep`: what is dropped here, nothing that is kept reads again. */
  private slim(analysis: FileAnalysis): FileAnalysis {
    if (this.keep === 'all') return analysis;
    analysis.itemRuleFindings = undefined;
    analysis.commentFindings = [];
    analysis.model.items = [];
    if (this.keep === 'findings') {
      const roadmap = this.ctx.policy.roadmapStatuses;
      for (const req of analysis.model.requirements) {
        req.problem = req.owner = undefined;
        req.segments = [];
        req.evidenceList = req.evidenceKeySpan = req.waiverKeySpan = undefined;
        if (req.status === undefined || !roadmap.includes(req.status)) {
          req.evidence = [];
          req.waiver = undefined;
        }
      }
    }
    return analysis;
  }

  deleteFile(file: string): boolean {
    const had = this.files.delete(file);
    if (had) {
      this.sortedNames = undefined;
      this.dirty.add(file);
      this.judged.delete(file);
      this.changed();
    }
    return had;
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  get(file: string): FileAnalysis | undefined {
    return this.files.get(file);
  }

  /** Every requirement file's name, in order. */
  fileNames(): string[] {
    return [...this.names()];
  }

  private names(): readonly string[] {
    this.sortedNames ??= [...this.files.keys()].sort();
    return this.sortedNames;
  }

  /** Every requirement file's analysis, in file-name order. */
  analyses(): FileAnalysis[] {
    return this.names().map((f) => this.files.get(f)!);
  }

  /** Where each id is defined and referenced, and the accounts in use. */
  catalog(): Catalog {
    this.catalogCache ??= buildCatalog(this.analyses());
    return this.catalogCache;
  }

  requirementIds(): ReadonlySet<string> {
    return new Set(this.catalog().definitions.keys());
  }

  /** Line index of any file the workspace knows, the config included (for related locations). */
  linesOf(file: string): LineIndex | undefined {
    if (this.config?.file === file) return this.config.lines;
    return this.files.get(file)?.lines;
  }

  /**
   * The cross-file rules over every file, in file-name order, so their findings (which copy of a
   * duplicate id comes first, where a cycle starts, which id a typo resembles) never depend on the
   * order files were read in. Files whose findings changed are marked for `takeChanged`.
   */
  private crossFileFindings(): Map<string, Finding[]> {
    if (!this.crossFile) {
      const files = this.analyses().map((a) => ({ file: a.file, model: a.model }));
      const merged = new Map<string, Finding[]>();
      for (const rule of WORKSPACE_RULES) {
        for (const [file, findings] of rule.check(files, this.ctx)) {
          const list = merged.get(file);
          if (list) for (const f of findings) list.push(f);
          else merged.set(file, [...findings]);
        }
      }
      this.crossFile = merged;
      // A fingerprint taken now, not the findings themselves: their places are objects an edit
      // moves in place (a related location in another file), so only a copy of the values tells
      // what changed. A number rather than JSON: a file with 400,000 unknown references would keep
      // a string of tens of megabytes just to tell whether its findings changed.
      const prints = new Map<string, number>();
      for (const [file, findings] of merged) {
        const print = fingerprint(findings);
        prints.set(file, print);
        if (this.crossPrints.get(file) !== print) this.crossChanged(file);
      }
      for (const file of this.crossPrints.keys()) if (!prints.has(file)) this.crossChanged(file);
      this.crossPrints = prints;
    }
    return this.crossFile;
  }

  private crossChanged(file: string): void {
    this.dirty.add(file);
    this.judged.delete(file);
  }

  /** Have `takeChanged` name this file next time: an editor has a new version of it to label. */
  touch(file: string): void {
    this.dirty.add(file);
  }

  /**
   * The files whose diagnostics may have changed since the last call: edited or removed ones, the
   * config, and every file a cross-file rule now judges differently (a duplicate id resolved in
   * another file). An editor republishes just these.
   */
  takeChanged(): string[] {
    this.crossFileFindings();
    const changed = [...this.dirty];
    this.dirty.clear();
    return changed;
  }

  /** Diagnostics of one file (a requirement file or the config), policy and suppressions applied. */
  diagnostics(file: string): FileDiagnostics {
    // Cross-file findings first: computing them may show this file's kept diagnostics are stale.
    const cross = this.crossFileFindings().get(file);
    const kept = this.judged.get(file);
    if (kept) return kept;
    let judged: FileDiagnostics;
    if (this.config?.file === file) judged = this.judge(this.config.findings, [], this.config.lines);
    else {
      const analysis = this.files.get(file);
      if (!analysis) return { diagnostics: [], suppressed: [] };
      judged = this.judge(cross ? [...analysis.findings, ...cross] : analysis.findings, analysis.suppressions, analysis.lines);
    }
    this.judged.set(file, judged);
    return judged;
  }

  /**
   * A requirement file's diagnostics from its own findings alone, without the cross-file rules: while
   * a workspace is still being read, what they would say (an unknown reference to a file not read
   * yet) is not known, and a file's own findings are. Not kept: `diagnostics` has the whole answer.
   */
  ownDiagnostics(file: string): FileDiagnostics {
    const analysis = this.files.get(file);
    if (!analysis) return { diagnostics: [], suppressed: [] };
    return this.judge(analysis.findings, analysis.suppressions, analysis.lines);
  }

  /** Every file with its diagnostics: the config first, then requirement files in name order. */
  allDiagnostics(): Map<string, FileDiagnostics> {
    const out = new Map<string, FileDiagnostics>();
    if (this.config) out.set(this.config.file, this.diagnostics(this.config.file));
    for (const file of this.names()) out.set(file, this.diagnostics(file));
    return out;
  }

  private judge(findings: Finding[], suppressions: FileAnalysis['suppressions'], lines: LineIndex): FileDiagnostics {
    const diagnostics: Diagnostic[] = [];
    const suppressed: Suppressed[] = [];
    // By line and code: a scan of every comment per finding is quadratic, and a file can hold
    // tens of thousands of each (80,000 took five minutes).
    const byLine = new Map<string, FileAnalysis['suppressions'][number]>();
    for (const s of suppressions) if (!byLine.has(`${s.line} ${s.code}`)) byLine.set(`${s.line} ${s.code}`, s);
    for (const f of findings) {
      const setting = this.ctx.policy.rules[f.code] ?? DEFAULT_SEVERITY[f.code];
      if (setting === 'off') continue;
      const d: Diagnostic = { ...f, span: tidy(f.span, lines.text), severity: setting };
      if (suppressions.length) {
        const line = lines.positionAt(f.span.start).line;
        const s = byLine.get(`${line - 1} ${f.code}`);
        if (s) {
          suppressed.push({ ...d, reason: s.reason });
          continue;
        }
      }
      diagnostics.push(d);
    }
    const order = (a: Diagnostic, b: Diagnostic) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code);
    return { diagnostics: diagnostics.sort(order), suppressed: suppressed.sort(order) };
  }
}

/**
 * A 53-bit fingerprint (two 32-bit FNV-1a hashes) of what findings say and where: their codes,
 * messages, places, requirements, related places and data. Two different lists share one with a
 * chance of about one in 10^16.
 */
function fingerprint(findings: readonly Finding[]): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ findings.length;
  const text = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h1 = Math.imul(h1 ^ 0xff, 0x01000193);
  };
  const num = (n: number) => {
    h1 = Math.imul(h1 ^ n, 0x01000193);
    h2 = Math.imul(h2 ^ (n >>> 16), 0x5bd1e995);
  };
  for (const f of findings) {
    text(f.code);
    text(f.message);
    text(f.requirement ?? '');
    num(f.span.start);
    num(f.span.end);
    for (const r of f.related ?? []) {
      text(r.file);
      text(r.message);
      num(r.span.start);
      num(r.span.end);
    }
    if (f.data) text(JSON.stringify(f.data));
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

/**
 * Every range inside the text, and not running on past the end of its line: a value's node range
 * may include the line break after it, and a squiggle that wraps onto the next line misleads.
 */
function tidy(span: Span, text: string): Span {
  const start = Math.max(0, Math.min(span.start, text.length));
  let end = Math.max(start, Math.min(span.end, text.length));
  while (end > start + 1 && /\s/.test(text[end - 1])) end--;
  return start === span.start && end === span.end ? span : { start, end };
}
