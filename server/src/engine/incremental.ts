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
import { checkItem, idRegex } from './requirement-check';
import { readItem } from './model';
import type { Evidence, ItemRead, Requirement, RequirementFile } from './model';
import type { RuleContext } from './rules/rule';
import { readSuppressions } from './suppression';
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
  if (!doc || parsed.findings.length || doc.errors.length || doc.warnings.length) return undefined;
  const list = doc.contents;
  if (!isSeq(list) || list.flow || list.items.length !== 1 || list.range?.[0] !== layout.indent) return undefined;
  if (hasAnchorsOrAliases(snippet, doc)) return undefined;
  // The snippet's ranges, moved to where the snippet sits in the file.
  visit(doc, {
    Node(_key, node) {
      if (node.range) node.range = [node.range[0] + item.start, node.range[1] + item.start, node.range[2] + item.start];
    },
  });
  const read = readItem(text, list.items[0] as YamlNode, k, new AliasBudget(new Map(), 1000 + snippet.length), idRegex(ctx.policy));
  // The item still starts on its dash line (not after a comment there), as the layout requires.
  if (!/^ *$/.test(text.slice(item.start + layout.indent + 1, read.span.start))) return undefined;
  // The last item ends where the list now ends (a comment typed at its end is not part of it).
  const listEnd = last ? list.range![1] : (previous.model.list?.span.end ?? 0) + delta;
  const end = last ? Math.max(listEnd, read.span.end) : item.end + delta;
  const edited: LaidOutItem = { start: item.start, end, read, findings: [...read.findings, ...checkItem(read, ctx)] };

  const items = layout.items.map((it, i) => (i < k ? it : i === k ? edited : shiftItem(it, delta)));
  const head = layout.head.map((f) => (f.span.start >= oldEnd ? shiftFinding(f, delta) : f));
  const lines = previous.lines.edited(text, p, oldEnd);
  const { suppressions, findings: commentFindings } = readSuppressions(lines);
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
    layout: { items, head, indent: layout.indent },
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

function move(s: Span, d: number): Span {
  return { start: s.start + d, end: s.end + d };
}

function shiftItem(item: LaidOutItem, d: number): LaidOutItem {
  const requirement = item.read.requirement && shiftRequirement(item.read.requirement, d);
  const moved = new Map<Finding, Finding>();
  const shift = (f: Finding) => {
    let m = moved.get(f);
    if (!m) moved.set(f, (m = shiftFinding(f, d)));
    return m;
  };
  return {
    start: item.start + d,
    end: item.end + d,
    read: { span: move(item.read.span, d), requirement, findings: item.read.findings.map(shift) },
    findings: item.findings.map(shift),
  };
}

function shiftRequirement(r: Requirement, d: number): Requirement {
  const out: Requirement = {
    ...r,
    span: move(r.span, d),
    headSpan: move(r.headSpan, d),
    dependsOn: r.dependsOn.map((ref) => ({ ...ref, span: move(ref.span, d) })),
    evidence: r.evidence.map((e) => shiftEvidence(e, d)),
  };
  // Only the places the requirement has: a key it lacks stays absent, not undefined.
  if (r.idSpan) out.idSpan = move(r.idSpan, d);
  if (r.statusSpan) out.statusSpan = move(r.statusSpan, d);
  if (r.evidenceKeySpan) out.evidenceKeySpan = move(r.evidenceKeySpan, d);
  if (r.evidenceList) out.evidenceList = { ...r.evidenceList, span: move(r.evidenceList.span, d) };
  if (r.waiverKeySpan) out.waiverKeySpan = move(r.waiverKeySpan, d);
  if (r.waiver) out.waiver = { ...r.waiver, span: move(r.waiver.span, d) };
  return out;
}

function shiftEvidence(e: Evidence, d: number): Evidence {
  const out: Evidence = { ...e, span: move(e.span, d) };
  if (e.dealSpan) out.dealSpan = move(e.dealSpan, d);
  if (e.dateSpan) out.dateSpan = move(e.dateSpan, d);
  return out;
}

/** A finding's place, and the offsets a quick fix keeps in its data (see fixes/). */
function shiftFinding(f: Finding, d: number): Finding {
  const out: Finding = { ...f, span: move(f.span, d) };
  if (f.data) {
    const data = { ...f.data };
    if (typeof data.blockEnd === 'number') data.blockEnd += d;
    if (data.replaceSpan) data.replaceSpan = move(data.replaceSpan as Span, d);
    out.data = data;
  }
  return out;
}
