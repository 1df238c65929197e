/**
 * A file's analysis in a compact stored form, for a cache that lets a re-run skip parsing files that
 * did not change. Offsets go into one Int32Array and text into one list of strings, with no object
 * per span: reading the engine's own objects back (JSON of the model) took about ten times as long
 * as reading this form, and that difference is most of what a warm run costs.
 *
 * What is stored is everything a run needs of a file once it has been analysed (the model, its own
 * findings, its ignore comments, its line starts), except what depends on the day: the date rules
 * (`stale-evidence`, `future-evidence`) run again when the analysis is read back, on today's date.
 * Cross-file rules are never stored; the workspace runs them over every file, read or restored.
 *
 * Pure: bytes in, bytes out. Where the bytes are kept, and when they may be trusted (same text, same
 * config, same engine), is the caller's business (server/src/node/analysis-cache.ts).
 */
import type { FileAnalysis } from './analyze';
import type { Evidence, ItemRead, Requirement, RequirementFile, Waiver } from './model';
import { checkItem } from './requirement-check';
import { DATE_RULES } from './rules';
import type { RuleContext } from './rules/rule';
import type { Suppression } from './suppression';
import { LineIndex } from './text';
import type { Finding, RuleCode, Span } from './types';

/**
 * Changes whenever the stored form does: an analysis stored in another form is never read. The
 * cache also keys on the engine's version, so a change of rules needs no bump here.
 */
export const STORED_FORM = 2;

/** The date rules' codes: their findings are not stored but found again on the day of the run. */
const DATE_CODES: ReadonlySet<string> = new Set(DATE_RULES.map((r) => r.code));

/**
 * The effective config as the key a stored analysis was made under: the same policy, the same key.
 * `today` is not part of it (the date rules run again on reading).
 */
export function policyKey(ctx: RuleContext): string {
  return JSON.stringify(ctx.policy);
}

/**
 * Whether this analysis may be stored. A file read with a problem (only its head, or bytes that are
 * not UTF-8) is analysed on every run: such files are rare, and what reading them found out is not
 * in their text.
 */
export function isStorable(analysis: FileAnalysis): boolean {
  return analysis.source === undefined;
}

export function storeAnalysis(analysis: FileAnalysis): Uint8Array {
  const w = new Writer();
  w.bool(!analysis.unchecked);
  w.findings(analysis.findings.filter((f) => !DATE_CODES.has(f.code)));
  w.findings(analysis.commentFindings);
  w.int(analysis.suppressions.length);
  for (const s of analysis.suppressions) {
    w.int(s.line);
    w.str(s.code);
    w.str(s.reason);
    w.int(s.at);
  }
  writeModel(w, analysis.model);
  w.ints(lineStartsOf(analysis.lines));
  return w.bytes();
}

/**
 * The analysis of `text` as stored, with the date rules run again for `ctx.today`. Throws on bytes
 * that are not a stored analysis; the caller then analyses the text instead.
 */
export function restoreAnalysis(file: string, text: string, stored: Uint8Array, ctx: RuleContext): FileAnalysis {
  const r = new Reader(stored);
  const checked = r.bool();
  const findings = r.findings();
  const commentFindings = r.findings();
  const suppressions: Suppression[] = [];
  for (let n = r.int(); n > 0; n--) suppressions.push({ line: r.int(), code: r.str() as RuleCode, reason: r.str(), at: r.int() });
  const model = readModel(r);
  const lines = LineIndex.withStarts(text, r.ints());
  r.end();
  // The findings' order differs from a fresh analysis (the date findings come last), which nothing
  // sees: a file's diagnostics are sorted by place and code, and two findings of one date rule keep
  // their order, as the rule runs over the requirements in order.
  if (checked) for (const item of model.items) for (const f of checkItem(item, ctx, DATE_RULES)) findings.push(f);
  return { file, text, lines, model, findings, suppressions, commentFindings, restored: true, ...(checked ? {} : { unchecked: true as const }) };
}

function lineStartsOf(lines: LineIndex): Int32Array {
  const starts = new Int32Array(lines.lineCount);
  for (let i = 0; i < starts.length; i++) starts[i] = lines.lineStart(i);
  return starts;
}

// ----- the model ---------------------------------------------------------------------------------

function writeModel(w: Writer, model: RequirementFile): void {
  w.optStr(model.area);
  w.optSpan(model.requirementsKeySpan);
  w.bool(!!model.list);
  if (model.list) {
    w.span(model.list.span);
    w.bool(model.list.flow);
  }
  w.findings(model.findings);
  w.int(model.items.length);
  for (const item of model.items) {
    w.span(item.span);
    w.findings(item.findings);
    w.bool(!!item.requirement);
    if (item.requirement) writeRequirement(w, item.requirement);
  }
  // Requirements are the items' own (model.ts pushes each item's requirement in order).
}

function readModel(r: Reader): RequirementFile {
  const area = r.optStr();
  const requirementsKeySpan = r.optSpan();
  const list = r.bool() ? { span: r.span(), flow: r.bool() } : undefined;
  const findings = r.findings();
  const items: ItemRead[] = [];
  const requirements: Requirement[] = [];
  for (let n = r.int(); n > 0; n--) {
    const span = r.span();
    const itemFindings = r.findings();
    const requirement = r.bool() ? readRequirement(r) : undefined;
    if (requirement) requirements.push(requirement);
    items.push({ span, requirement, findings: itemFindings });
  }
  const model: RequirementFile = { requirements, findings, items };
  if (area !== undefined) model.area = area;
  if (requirementsKeySpan) model.requirementsKeySpan = requirementsKeySpan;
  if (list) model.list = list;
  return model;
}

function writeRequirement(w: Writer, req: Requirement): void {
  w.int(req.index);
  w.span(req.span);
  w.span(req.headSpan);
  w.optStr(req.id);
  w.optSpan(req.idSpan);
  w.optStr(req.title);
  w.optStr(req.status);
  w.optSpan(req.statusSpan);
  w.optStr(req.owner);
  w.optStr(req.problem);
  w.int(req.segments.length);
  for (const s of req.segments) w.str(s);
  w.int(req.dependsOn.length);
  for (const d of req.dependsOn) {
    w.str(d.id);
    w.span(d.span);
  }
  w.optSpan(req.evidenceKeySpan);
  w.bool(!!req.evidenceList);
  if (req.evidenceList) {
    w.span(req.evidenceList.span);
    w.str(req.evidenceList.form);
  }
  w.int(req.evidence.length);
  for (const e of req.evidence) writeEvidence(w, e);
  w.optSpan(req.waiverKeySpan);
  w.bool(!!req.waiver);
  if (req.waiver) {
    const v = req.waiver;
    w.optStr(v.reason);
    w.optStr(v.approvedBy);
    w.optStr(v.date);
    w.bool(v.complete);
    w.bool(v.selfApproved);
    w.span(v.span);
  }
}

function readRequirement(r: Reader): Requirement {
  const req: Requirement = { index: r.int(), span: r.span(), headSpan: r.span(), segments: [], dependsOn: [], evidence: [] };
  // Keys are set only when the model sets them, so a restored requirement looks like a fresh one.
  const id = r.optStr();
  const idSpan = r.optSpan();
  if (id !== undefined) req.id = id;
  if (idSpan) req.idSpan = idSpan;
  const title = r.optStr();
  if (title !== undefined) req.title = title;
  const status = r.optStr();
  const statusSpan = r.optSpan();
  if (status !== undefined) req.status = status as Requirement['status'];
  if (statusSpan) req.statusSpan = statusSpan;
  const owner = r.optStr();
  if (owner !== undefined) req.owner = owner;
  const problem = r.optStr();
  if (problem !== undefined) req.problem = problem;
  for (let n = r.int(); n > 0; n--) req.segments.push(r.str());
  for (let n = r.int(); n > 0; n--) req.dependsOn.push({ id: r.str(), span: r.span() });
  const evidenceKeySpan = r.optSpan();
  if (evidenceKeySpan) req.evidenceKeySpan = evidenceKeySpan;
  if (r.bool()) req.evidenceList = { span: r.span(), form: r.str() as NonNullable<Requirement['evidenceList']>['form'] };
  for (let n = r.int(); n > 0; n--) req.evidence.push(readEvidence(r));
  const waiverKeySpan = r.optSpan();
  if (waiverKeySpan) req.waiverKeySpan = waiverKeySpan;
  if (r.bool()) {
    const waiver: Waiver = { reason: r.optStr(), approvedBy: r.optStr(), date: r.optStr(), complete: r.bool(), selfApproved: r.bool(), span: r.span() };
    req.waiver = waiver;
  }
  return req;
}

function writeEvidence(w: Writer, e: Evidence): void {
  w.int(e.index);
  w.span(e.span);
  w.optStr(e.kind);
  w.optStr(e.class);
  w.bool(e.complete);
  w.optStr(e.account);
  w.optStr(e.accountKey);
  w.optStr(e.deal);
  w.optSpan(e.dealSpan);
  // A number of any size or fraction, exactly: as the shortest text that reads back to it.
  w.optStr(e.amount === undefined ? undefined : String(e.amount));
  w.optStr(e.currency);
  w.optStr(e.stage);
  w.optStr(e.date);
  w.optSpan(e.dateSpan);
}

function readEvidence(r: Reader): Evidence {
  const ev: Evidence = { index: r.int(), span: r.span(), complete: false };
  const kind = r.optStr();
  const cls = r.optStr();
  if (kind !== undefined) ev.kind = kind as Evidence['kind'];
  if (cls !== undefined) ev.class = cls as Evidence['class'];
  ev.complete = r.bool();
  // The model sets these keys whether or not they have a value.
  ev.account = r.optStr();
  const accountKey = r.optStr();
  if (accountKey !== undefined) ev.accountKey = accountKey;
  ev.deal = r.optStr();
  const dealSpan = r.optSpan();
  if (dealSpan) ev.dealSpan = dealSpan;
  const amount = r.optStr();
  if (amount !== undefined) ev.amount = Number(amount);
  ev.currency = r.optStr();
  ev.stage = r.optStr();
  const date = r.optStr();
  const dateSpan = r.optSpan();
  if (date !== undefined) ev.date = date;
  if (dateSpan) ev.dateSpan = dateSpan;
  return ev;
}

// ----- the two streams ---------------------------------------------------------------------------

/**
 * Numbers into one growing Int32Array, distinct strings into one list (written as JSON, which V8
 * reads faster than any decoder of our own), a string stored as its place in that list.
 * Layout: [number count][numbers…][JSON of the strings].
 */
class Writer {
  private numbers = new Int32Array(1024);
  private count = 0;
  private readonly strings: string[] = [];
  /**
   * Each distinct string stored once: codes, statuses, kinds, accounts and messages recur, and
   * half the strings of a typical file were repeats, each parsed again and kept again on reading.
   */
  private readonly stringIndex = new Map<string, number>();

  int(n: number): void {
    if (this.count === this.numbers.length) {
      const grown = new Int32Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.numbers[this.count++] = n;
  }

  bool(b: boolean): void {
    this.int(b ? 1 : 0);
  }

  str(s: string): void {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    this.int(i);
  }

  /** -1 for none. */
  optStr(s: string | undefined): void {
    if (s === undefined) this.int(-1);
    else this.str(s);
  }

  span(s: Span): void {
    this.int(s.start);
    this.int(s.end);
  }

  /** A start of -1 for none (no span starts before the text). */
  optSpan(s: Span | undefined): void {
    if (s) this.span(s);
    else this.int(-1);
  }

  ints(values: Int32Array): void {
    this.int(values.length);
    for (let i = 0; i < values.length; i++) this.int(values[i]);
  }

  findings(list: readonly Finding[]): void {
    this.int(list.length);
    for (const f of list) {
      this.str(f.code);
      this.str(f.message);
      this.span(f.span);
      this.optStr(f.requirement);
      this.int(f.related ? f.related.length : -1);
      for (const rel of f.related ?? []) {
        this.str(rel.file);
        this.span(rel.span);
        this.str(rel.message);
      }
      this.optStr(f.data === undefined ? undefined : JSON.stringify(f.data));
    }
  }

  bytes(): Uint8Array {
    const text = new TextEncoder().encode(JSON.stringify(this.strings));
    const out = new Uint8Array(4 + this.count * 4 + text.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, this.count, true);
    out.set(new Uint8Array(this.numbers.buffer, 0, this.count * 4), 4);
    out.set(text, 4 + this.count * 4);
    return out;
  }
}

class Reader {
  private readonly numbers: Int32Array;
  private at = 0;
  private readonly strings: string[];

  constructor(bytes: Uint8Array) {
    if (bytes.length < 4) throw new Error('not a stored analysis');
    const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
    const textStart = 4 + count * 4;
    if (textStart > bytes.length) throw new Error('not a stored analysis');
    // A copy: an Int32Array cannot start at an offset that is not a multiple of four.
    const aligned = new Uint8Array(count * 4);
    aligned.set(bytes.subarray(4, textStart));
    this.numbers = new Int32Array(aligned.buffer);
    const strings = JSON.parse(new TextDecoder().decode(bytes.subarray(textStart))) as unknown;
    if (!Array.isArray(strings)) throw new Error('not a stored analysis');
    this.strings = strings as string[];
  }

  int(): number {
    if (this.at >= this.numbers.length) throw new Error('stored analysis cut short');
    return this.numbers[this.at++];
  }

  bool(): boolean {
    return this.int() === 1;
  }

  str(): string {
    const s = this.strings[this.int()];
    if (typeof s !== 'string') throw new Error('stored analysis: no such string');
    return s;
  }

  optStr(): string | undefined {
    const i = this.int();
    if (i === -1) return undefined;
    const s = this.strings[i];
    if (typeof s !== 'string') throw new Error('stored analysis: no such string');
    return s;
  }

  span(): Span {
    return { start: this.int(), end: this.int() };
  }

  optSpan(): Span | undefined {
    const start = this.int();
    return start === -1 ? undefined : { start, end: this.int() };
  }

  ints(): Int32Array {
    const n = this.int();
    if (n < 0 || this.at + n > this.numbers.length) throw new Error('stored analysis cut short');
    const out = this.numbers.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    for (let n = this.int(); n > 0; n--) {
      const f: Finding = { code: this.str() as RuleCode, message: this.str(), span: this.span() };
      const requirement = this.optStr();
      if (requirement !== undefined) f.requirement = requirement;
      const related = this.int();
      if (related >= 0) {
        f.related = [];
        for (let k = 0; k < related; k++) f.related.push({ file: this.str(), span: this.span(), message: this.str() });
      }
      const data = this.optStr();
      if (data !== undefined) f.data = JSON.parse(data) as Record<string, unknown>;
      out.push(f);
    }
    return out;
  }

  /** Everything read: anything else is not a stored analysis of this form. */
  end(): void {
    if (this.at !== this.numbers.length) throw new Error('stored analysis has more than expected');
  }
}
