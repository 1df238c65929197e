/**
 * Re-analysis after an edit, in proportion to the edit: the text that changed is found by comparing
 * the old and new text from both ends; if it lies inside one requirement, only that requirement's
 * lines are parsed and checked again, and everything after it moves by the edit's length. Anything
 * else (an edit between requirements, a new requirement, an anchor or alias in the file, a syntax
 * error) is left to a whole re-analysis, which is always right, so this path never has to be clever.
 */
import { isSeq, visit } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { FileAnalysis } from './analyze';
import { checkItem, idMatcher } from './requirement-check';
import { readItem } from './model';
import type { ItemRead, Requirement, RequirementFile } from './model';
import type { RuleContext } from './rules/rule';
import { readSuppressions } from './suppression';
import type { IgnoreComments, Suppression } from './suppression';
import type { LineIndex } from './text';
import type { Finding, Span } from './types';
import { hasAnchorsOrAliases, parseYaml } from './yaml-document';
import { AliasBudget } from './yaml-values';

export interface LaidOutItem {
  /** From the start of the item's dash line to the start of the next item's (or the list's end). */
  start: number;
  end: number;
  read: ItemRead;
  /** The item's schema findings and its rule findings. */
  findings: Finding[];
}

export interface Layout {
  items: LaidOutItem[];
  /** Findings outside the items: the file's own keys and area. */
  head: Finding[];
  /** Column of the list's dashes. */
  indent: number;
}

/**
 * The file's layout for piecemeal re-analysis, worked out on the first edit: `inbound check` never
 * edits, so it never pays for it.
 */
export function layoutFor(analysis: FileAnalysis): Layout | undefined {
  if (!analysis.layout && analysis.itemRuleFindings) {
    analysis.layout = layoutOf(analysis.text, analysis.model, analysis.itemRuleFindings);
    analysis.itemRuleFindings = undefined;
  }
  return analysis.layout;
}

/**
 * Each item's stretch of text: from the start of its dash line to the start of the next item's
 * (the last one to the end of the list). Only for a block list whose dashes start their lines.
 */
function layoutOf(text: string, model: RequirementFile, ruleFindings: Finding[][]): Layout | undefined {
  if (!model.list || model.list.flow || model.items.length === 0) return undefined;
  const starts: number[] = [];
  let indent = -1;
  for (const item of model.items) {
    let dash = item.span.start - 1;
    while (dash >= 0 && text[dash] === ' ') dash--;
    if (text[dash] !== '-') return undefined;
    let lineStart = dash;
    while (lineStart > 0 && text[lineStart - 1] === ' ') lineStart--;
    if (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') return undefined;
    if (indent === -1) indent = dash - lineStart;
    else if (dash - lineStart !== indent) return undefined;
    starts.push(lineStart);
  }
  const listEnd = Math.max(model.list.span.end, model.items[model.items.length - 1].span.end);
  const inItems = new Set<Finding>();
  const items = model.items.map((item, i) => {
    const findings = [...item.findings, ...ruleFindings[i]];
    for (const f of item.findings) inItems.add(f);
    return { start: starts[i], end: i + 1 < starts.length ? starts[i + 1] : listEnd, read: item, findings };
  });
  // Findings about the file as a whole (its keys, its area) stay where they are.
  const head = model.findings.filter((f) => !inItems.has(f));
  return { items, head, indent };
}

export function reanalyzeEdit(previous: FileAnalysis, text: string, ctx: RuleContext): FileAnalysis | undefined {
  const layout = layoutFor(previous);
  if (!layout) return undefined;
  const old = previous.text;
  const { start: p, oldEnd } = changedRange(old, text);
  const delta = text.length - old.length;

  const k = itemBefore(layout.items, p);
  const item = layout.items[k];
  // Strictly inside: the item's dash line start and the next item's first character are untouched.
  if (!item || !(item.start < p && oldEnd < item.end)) return undefined;

  // Up to the next item's dash, as in the whole file: `yaml` lets a block's range run on over the
  // indentation before the next item, and the ranges must come out the same either way.
  const last = k === layout.items.length - 1;
  const snippet = text.slice(item.start, item.end + delta + (last ? 0 : layout.indent));
  const parsed = parseYaml(snippet);
  const doc = parsed.doc;
  if (!doc || parsed.findings.length || parsed.mergeKeys.length || doc.errors.length || doc.warnings.length) return undefined;
  const list = doc.contents;
  if (!isSeq(list) || list.flow || list.items.length !== 1 || list.range?.[0] !== layout.indent) return undefined;
  if (hasAnchorsOrAliases(snippet, doc)) return undefined;
  // The snippet's ranges, moved to where the snippet sits in the file.
  visit(doc, {
    Node(_key, node) {
      if (node.range) node.range = [node.range[0] + item.start, node.range[1] + item.start, node.range[2] + item.start];
    },
  });
  const read = readItem(text, list.items[0] as YamlNode, k, new AliasBudget(new Map(), 1000 + snippet.length), idMatcher(ctx.policy));
  // The item still starts on its dash line (not after a comment there), as the layout requires.
  if (!/^ *$/.test(text.slice(item.start + layout.indent + 1, read.span.start))) return undefined;
  // The last item ends where the list now ends (a comment typed at its end is not part of it).
  const listEnd = last ? list.range![1] : (previous.model.list?.span.end ?? 0) + delta;
  const end = last ? Math.max(listEnd, read.span.end) : item.end + delta;
  const edited: LaidOutItem = { start: item.start, end, read, findings: [...read.findings, ...checkItem(read, ctx)] };

  const mover = new Mover(delta);
  const items = layout.items.map((it, i) => (i < k ? it : i === k ? edited : mover.item(it)));
  const head = layout.head.map((f) => (f.span.start >= oldEnd ? mover.finding(f) : f));
  const lines = previous.lines.edited(text, p, oldEnd);
  const { suppressions, findings: commentFindings } = commentsAfterEdit(previous, lines, item, mover, list, snippet);
  const was = previous.model;
  const model = {
    ...was,
    requirements: items.flatMap((it) => (it.read.requirement ? [it.read.requirement] : [])),
    findings: [...head, ...items.flatMap((it) => it.read.findings)],
    items: items.map((it) => it.read),
    list: was.list && { ...was.list, span: { start: was.list.span.start, end: listEnd } },
  };
  return {
    file: previous.file,
    text,
    lines,
    model,
    findings: [...head, ...items.flatMap((it) => it.findings), ...commentFindings],
    suppressions,
    commentFindings,
    layout: { items, head, indent: layout.indent },
  };
}

/**
 * The ignore comments after an edit inside one item: those before it stay, those after it move by
 * the edit's length (and lines), and only the item's own stretch is read again, against the item
 * just parsed. A keystroke never searches the rest of the file for comments.
 */
function commentsAfterEdit(previous: FileAnalysis, lines: LineIndex, item: LaidOutItem, mover: Mover, root: unknown, snippet: string): IgnoreComments {
  const newEnd = item.end + mover.d;
  const fresh = snippet.includes('inbound-ignore') ? readSuppressions(lines, root, item.start, newEnd) : undefined;
  if (!fresh && previous.suppressions.length === 0 && previous.commentFindings.length === 0) return { suppressions: [], findings: [] };
  const lineDelta = lines.lineCount - previous.lines.lineCount;
  const suppressions: Suppression[] = [];
  const after: Suppression[] = [];
  for (const s of previous.suppressions) {
    if (s.at < item.start) suppressions.push(s);
    else if (s.at >= item.end) {
      s.at += mover.d;
      s.line += lineDelta;
      after.push(s);
    }
  }
  const findings: Finding[] = [];
  const findingsAfter: Finding[] = [];
  for (const f of previous.commentFindings) {
    if (f.span.start < item.start) findings.push(f);
    else if (f.span.start >= item.end) findingsAfter.push(mover.finding(f));
  }
  // Concatenated, not spread into push: a file can hold tens of thousands of comments.
  return {
    suppressions: fresh ? suppressions.concat(fresh.suppressions, after) : suppressions.concat(after),
    findings: fresh ? findings.concat(fresh.findings, findingsAfter) : findings.concat(findingsAfter),
  };
}

const BLOCK = 4096;

/**
 * Where two texts differ: the length of their common start, and where the common end begins in the
 * old text. Compared a block at a time by the engine's native string comparison, then character by
 * character inside the first block that differs.
 */
export function changedRange(old: string, text: string): { start: number; oldEnd: number } {
  const max = Math.min(old.length, text.length);
  let p = 0;
  while (p + BLOCK <= max && old.startsWith(text.slice(p, p + BLOCK), p)) p += BLOCK;
  while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  const room = max - p;
  while (s + BLOCK <= room && old.endsWith(text.slice(text.length - s - BLOCK, text.length - s), old.length - s)) s += BLOCK;
  while (s < room && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  return { start: p, oldEnd: old.length - s };
}

/** The last item starting before `offset` (binary search: items are in text order). */
function itemBefore(items: readonly LaidOutItem[], offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

// ----- moving what follows the edit -----------------------------------------------------------

/**
 * Moves what follows the edit by its length, in place: those objects belong to the analysis being
 * replaced, which nothing uses once the new one exists, and copying half a large file's model on
 * every keystroke is what made typing slow. Every place in a requirement is an object of its own;
 * a finding either has its own place or shares one of its requirement's (a single-deal finding is
 * at the `evidence` key), so a finding's place moves unless its requirement's move took it along.
 */
class Mover {
  constructor(readonly d: number) {}

  private span(s: Span): void {
    s.start += this.d;
    s.end += this.d;
  }

  item(item: LaidOutItem): LaidOutItem {
    this.span(item.read.span);
    const own = item.read.requirement ? this.requirement(item.read.requirement) : [];
    // item.findings begins with the item's schema findings (item.read.findings): all are here.
    for (const f of item.findings) this.finding(f, own);
    item.start += this.d;
    item.end += this.d;
    return item;
  }

  /** Moves the requirement's places; returns them, to tell which findings share one. */
  private requirement(r: Requirement): Span[] {
    const places: Span[] = [r.span, r.headSpan];
    for (const s of [r.idSpan, r.statusSpan, r.evidenceKeySpan, r.evidenceList?.span, r.waiverKeySpan, r.waiver?.span]) if (s) places.push(s);
    for (const ref of r.dependsOn) places.push(ref.span);
    for (const e of r.evidence) {
      places.push(e.span);
      if (e.dealSpan) places.push(e.dealSpan);
      if (e.dateSpan) places.push(e.dateSpan);
    }
    for (const s of places) this.span(s);
    return places;
  }

  /** A finding's place (unless it is a requirement's, already moved), and the offsets a quick fix keeps in its data. */
  finding(f: Finding, moved: readonly Span[] = []): Finding {
    if (!moved.includes(f.span)) this.span(f.span);
    if (f.data) {
      if (typeof f.data.blockEnd === 'number') f.data.blockEnd += this.d;
      if (f.data.replaceSpan) this.span(f.data.replaceSpan as Span);
    }
    return f;
  }
}
