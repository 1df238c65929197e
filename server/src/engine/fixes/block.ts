/**
 * A block of keys (a requirement, an evidence item, a waiver) read again from its own lines, for
 * the fixes that add or remove lines. The analysis keeps places, not the parsed tree, and whether
 * a line may go somewhere depends on what the block holds: a block scalar that keeps its trailing
 * newlines (`|+`, `>+`) owns the blank lines after it, so a line added before them would take
 * them away from it. Reading one block costs what the block costs, not the file.
 *
 * A fix that adds or removes lines is checked, not trusted: the block with the edits applied is
 * parsed again, and the fix is offered only if it still parses and every value but the one the
 * fix names is exactly what it was. Where the nearest place fails that, the next is tried; an odd
 * layout gets no fix rather than a changed file.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode, YAMLMap } from 'yaml';
import type { TextEdit } from '../types';
import { applyEdits } from './apply';
import { afterBlock, blankLinesAfter, eolAt, lineStartOf, silencesNextLine, startsBlockLine } from './layout';

export interface Block {
  /** The whole file. */
  text: string;
  /** The stretch of the file read: from the block's first line to the end of the blank lines after it. */
  from: number;
  to: number;
  /** The block as parsed from that stretch: its ranges count from `from`. */
  map: YAMLMap;
}

/** The block map in a stretch of text that starts `offset` into it: the stretch itself, or its one list item. */
function blockIn(source: string, offset: number): YAMLMap | undefined {
  // A lone CR is a line break in YAML, but not to this parser: CR → LF keeps every offset.
  const doc = parseDocument(source.replace(/\r(?!\n)/g, '\n'), { prettyErrors: false, strict: true, uniqueKeys: true });
  if (doc.errors.length) return undefined;
  const root = doc.contents;
  const node = isSeq(root) && root.items.length === 1 ? root.items[0] : root;
  return isMap(node) && !node.flow && node.range?.[0] === offset ? node : undefined;
}

/**
 * The block of keys that starts at `start` (its first key) and ends at `end`, if it is written as
 * a block whose first key starts a line (after its list dash, if any). A flow map (`{id: …}`) is
 * not read: lines cannot be added to it without rewriting it, so it gets no such fix.
 */
export function readBlock(text: string, start: number, end: number): Block | undefined {
  if (!startsBlockLine(text, start) || end < start || end > text.length) return undefined;
  const from = lineStartOf(text, start);
  const blank = blankLinesAfter(text, afterBlock(text, end));
  const to = blank.toEof ? text.length : blank.end;
  if (aliasedAnchor(text, from, to)) return undefined;
  const map = blockIn(text.slice(from, to), start - from);
  return map ? { text, from, to, map } : undefined;
}

/**
 * Whether the block, or the line before it (`- &req` on a line of its own), defines an anchor the
 * file refers to: an edit of the block would change that alias's value too.
 */
function aliasedAnchor(text: string, from: number, to: number): boolean {
  let before = from;
  while (before > 0 && (text[before - 1] === '\n' || text[before - 1] === '\r')) before--;
  const stretch = text.slice(lineStartOf(text, before), to);
  if (!stretch.includes('&')) return false;
  for (const m of stretch.matchAll(/(?:^|[\s[\]{},])&([^\s[\]{},]+)/g)) {
    if (text.includes('*' + m[1])) return true;
  }
  return false;
}

/**
 * An edit that adds whole lines (`lines`, without line breaks, already indented) after `node`, a
 * node of the block, that `changesOnly` accepts for `change`. Where the text allows, the lines go
 * right after the node's last line (and any comment on it), with that line's line break. Blank
 * lines after it may belong to it: a block scalar that keeps its trailing newlines (`|+`, `>+`)
 * owns them, and a line of spaces deeper than a block scalar's text is text. Then the lines go
 * after the blank lines. Undefined where neither place leaves the rest as it was, and after a
 * comment that silences the line below it, which must stay below it.
 */
export function linesAfter(block: Block, node: YamlNode, lines: string[], change: Change): TextEdit | undefined {
  const { text } = block;
  if (!node.range) return undefined;
  const last = afterBlock(text, block.from + node.range[1]);
  const blank = blankLinesAfter(text, last);
  const candidates: TextEdit[] = [];
  // `# inbound-ignore …` on the last line speaks of the line after it, which must stay there.
  if (!(blank.breaks === 1 && !blank.toEof && silencesNextLine(text, last))) {
    const eol = eolAt(text, last);
    candidates.push({ span: { start: last, end: last }, newText: eol + lines.join(eol) });
  }
  if (blank.breaks > 1) {
    const eol = eolAt(text, blank.end);
    candidates.push({ span: { start: blank.end, end: blank.end }, newText: lines.join(eol) + eol });
  }
  if (blank.toEof && text.length > Math.max(last, blank.end)) {
    // The file ends in a line of spaces: it may be a block scalar's last line.
    const eol = eolAt(text, text.length);
    candidates.push({ span: { start: text.length, end: text.length }, newText: eol + lines.join(eol) });
  }
  return candidates.find((edit) => changesOnly(block, [edit], change));
}

/** What a fix does to its block: the one key it adds, appends an item to, or removes an item from. */
export type Change =
  | { key: string; added: true }
  | { key: string; appended: true }
  | { key: string; removed: number };

/**
 * Whether the edits, applied to the block, leave it parsing, with every key but `change.key` and
 * its value exactly as before, and `change.key` changed only as said: added; one item appended to
 * its list (a null value counts as an empty list); one item removed.
 */
export function changesOnly(block: Block, edits: readonly TextEdit[], change: Change): boolean {
  if (edits.some((e) => e.span.start < block.from || e.span.end > block.to)) return false;
  const shifted = edits.map((e) => ({ span: { start: e.span.start - block.from, end: e.span.end - block.from }, newText: e.newText }));
  const after = blockIn(applyEdits(block.text.slice(block.from, block.to), shifted), block.map.range![0]);
  if (!after) return false;
  const was = entries(block.map);
  const now = entries(after);
  const key = keyShape(change.key);
  for (const [k, v] of was) if (k !== key && now.get(k) !== v) return false;
  for (const k of now.keys()) if (k !== key && !was.has(k)) return false;
  const before = block.map.get(change.key, true);
  const value = after.get(change.key, true);
  if ('added' in change) return !was.has(key) && now.has(key);
  if (!isSeq(value)) return false;
  const old = isSeq(before) ? before.items.map(shape) : isScalar(before) && before.value === null ? [] : undefined;
  if (!old) return false;
  const items = value.items.map(shape);
  if ('appended' in change) return items.length === old.length + 1 && old.every((s, i) => items[i] === s);
  const kept = old.filter((_, i) => i !== change.removed);
  return old.length === kept.length + 1 && items.length === kept.length && kept.every((s, i) => items[i] === s);
}

/** The shape of a key written as a plain word. */
function keyShape(key: string): string {
  return `s${JSON.stringify(['string', key, ''])}`;
}

function entries(map: YAMLMap): Map<string, string> {
  return new Map(map.items.map((p) => [shape(p.key), shape(p.value)]));
}

/** A node's value as a string that two equal values share: scalars with their type and tag, aliases by name. */
function shape(node: unknown): string {
  if (isScalar(node)) return `s${JSON.stringify([typeof node.value, String(node.value), node.tag ?? ''])}`;
  if (isAlias(node)) return `*${node.source}`;
  if (isMap(node)) return `{${node.items.map((p) => `${shape(p.key)}:${shape(p.value)}`).join(',')}}${node.tag ?? ''}`;
  if (isSeq(node)) return `[${node.items.map(shape).join(',')}]${node.tag ?? ''}`;
  return node === null || node === undefined ? '~' : `?${JSON.stringify(node)}`;
}
