/**
 * "Add market evidence": the way forward from a sales-driven or empty evidence list. Appends an
 * interview dated today with the account left blank, so the new item is a to-do: it counts for
 * nothing until a person names who was interviewed.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair, Scalar } from 'yaml';
import type { Requirement } from '../model';
import type { TextEdit } from '../types';
import { changesOnly, linesAfter, readBlock } from './block';
import type { Block, Change } from './block';
import type { FixProvider } from './fix';
import { requirementAt } from './fix';
import { columnOf, dashColumn, eolAt, lineEndOf, lineStartOf, silencesNextLine, startsBlockLine } from './layout';

export const addMarketEvidence: FixProvider = {
  codes: ['single-deal', 'sales-only', 'no-evidence', 'roadmap-gate'],
  fixes(diagnostic, { analysis, today }) {
    const req = requirementAt(analysis, diagnostic.span.start);
    const edits = req && appendInterview(analysis.text, req, today);
    if (!edits) return [];
    // Where it is the only way forward, it is the fix to take; at the gate a person chooses.
    return [{ title: 'Add market evidence (an interview to fill in)', edits, preferred: diagnostic.code !== 'roadmap-gate' }];
  },
};

/**
 * An evidence item to write: its keys in order (`kind` first) with their values as YAML text, each
 * on one line. An empty value is a blank for a person to fill in (`account: `).
 */
export type ItemEntries = readonly (readonly [key: string, value: string])[];

/** The interview the quick fix adds: dated today, with the account left for a person to name. */
export function interviewPlaceholder(today: string): ItemEntries {
  return [
    ['kind', 'interview'],
    ['account', ''],
    ['date', today],
  ];
}

/** The dash at column `dash` and every key at column `fields`, however far apart the two are. */
function itemLines(dash: number, fields: number, entries: ItemEntries): string[] {
  const pad = ' '.repeat(fields);
  return entries.map(([key, value], i) =>
    i === 0 ? `${' '.repeat(dash)}-${' '.repeat(Math.max(1, fields - dash - 1))}${key}: ${value}` : `${pad}${key}: ${value}`,
  );
}

/** The same item in flow style, for a list written `[…]`. */
function flowItem(entries: ItemEntries): string {
  return `{${entries.map(([key, value]) => `${key}: ${value}`).join(', ')}}`;
}

/**
 * A value that stands for an empty list and is replaced by one: a null (`~`, `null`, `Null`,
 * `NULL`, perhaps tagged `!!null`) or `[]`, on the key's line or the lines below it.
 */
const EMPTY_VALUE = /[ \t\r\n]*(?:(?:!!null|!<tag:yaml\.org,2002:null>)(?:[ \t\r\n]+(?:~|null|Null|NULL))?|~|null|Null|NULL|\[[ \t\r\n]*\])(?![^ \t\r\n])/y;

/**
 * The edits that add the interview to the requirement's evidence, or undefined where its layout
 * gives no safe place for it. A requirement written as a flow map (`- {id: …}`) is not rewritten:
 * it gets no fix.
 */
export function appendInterview(text: string, req: Requirement, today: string): TextEdit[] | undefined {
  return appendEvidence(text, req, interviewPlaceholder(today));
}

/**
 * The edits that append one evidence item (`entries`, values already written as YAML scalars on one
 * line) to the requirement's evidence, laid out as its neighbours are, or undefined where the layout
 * gives no safe place for it: the quick fix's interview, or any item a person (or an assistant)
 * describes. Every other value of the requirement stays exactly as it was (see `changesOnly`).
 */
export function appendEvidence(text: string, req: Requirement, entries: ItemEntries): TextEdit[] | undefined {
  const block = readBlock(text, req.span.start, req.span.end);
  if (!block) return undefined;
  const pair = block.map.items.find((p) => isScalar(p.key) && p.key.value === 'evidence');
  if (!pair !== !req.evidenceKeySpan) return undefined;
  const made = pair ? intoList(block, pair, entries) : newList(block, entries);
  return made && changesOnly(block, made.edits, made.change) ? made.edits : undefined;
}

/** No evidence key: one is added after the requirement's last value, in the usual layout. */
function newList(block: Block, entries: ItemEntries): { edits: TextEdit[]; change: Change } | undefined {
  const key = columnOf(block.text, block.from + block.map.range![0]);
  const change: Change = { key: 'evidence', added: true };
  const edit = linesAfter(block, block.map, [`${' '.repeat(key)}evidence:`, ...itemLines(key + 2, key + 4, entries)], change);
  return edit && { edits: [edit], change };
}

function intoList(block: Block, pair: Pair, entries: ItemEntries): { edits: TextEdit[]; change: Change } | undefined {
  const { text, from } = block;
  const change: Change = { key: 'evidence', appended: true };
  const keyNode = pair.key as YamlNode;
  const value = pair.value as YamlNode | null;
  if (!keyNode.range) return undefined;
  const keyStart = from + keyNode.range[0];
  if (isSeq(value) && value.items.length > 0) {
    const last = value.items[value.items.length - 1] as YamlNode | null;
    if (!last?.range) return undefined;
    if (value.flow) {
      // `[{kind: sales-deal, …}]`: one more entry after the last one, in the same style.
      const at = from + last.range[1];
      return { edits: [{ span: { start: at, end: at }, newText: `, ${flowItem(entries)}` }], change };
    }
    const dash = dashColumn(text, from + last.range[0]) ?? columnOf(text, from + value.range![0]);
    const fields = isMap(last) && !last.flow ? columnOf(text, from + last.range[0]) : dash + 2;
    const edit = linesAfter(block, last, itemLines(dash, Math.max(fields, dash + 2), entries), change);
    return edit && { edits: [edit], change };
  }
  if (value && !(isScalar(value) && value.value === null) && !(isSeq(value) && value.flow)) return undefined;
  // An empty value: nothing, a null, or `[]`. The items go on the lines below the key, indented
  // under it; a null or `[]` (with the white space before it) goes, a comment on the line stays.
  let colon = from + keyNode.range[1];
  while (text[colon] === ' ' || text[colon] === '\t') colon++;
  if (text[colon] !== ':') return undefined; // `? evidence` on a line of its own: no such fix
  const valueStart = colon + 1;
  EMPTY_VALUE.lastIndex = valueStart;
  const written = EMPTY_VALUE.exec(text);
  if (!written && isScalar(value) && value.range && value.range[1] > value.range[0]) return nullBelow(text, from, value, entries);
  const end = written ? valueStart + written[0].length : valueStart;
  // What is removed must be the whole value as parsed (a bare tag has no range: then it is on the
  // key's line), and only white space or a comment may follow it.
  const valueEnd = value?.range && value.range[1] > value.range[0] ? from + value.range[1] : undefined;
  if (valueEnd !== undefined ? end !== valueEnd : written && /[\r\n]/.test(written[0])) return undefined;
  const lineEnd = lineEndOf(text, end);
  if (!/^(?:[ \t]+#.*)?[ \t]*$/.test(text.slice(end, lineEnd)) || silencesLineBelow(text, lineEnd)) return undefined;
  const key = columnOf(text, keyStart);
  // The key's own line break: a null on the line below is taken with the one before it.
  const eol = eolAt(text, valueStart);
  const items = eol + itemLines(key + 2, key + 4, entries).join(eol);
  const edits: TextEdit[] =
    end === lineEnd
      ? [{ span: { start: valueStart, end: lineEnd }, newText: items }]
      : [
          ...(end > valueStart ? [{ span: { start: valueStart, end }, newText: '' }] : []),
          { span: { start: lineEnd, end: lineEnd }, newText: items },
        ];
  return { edits, change };
}

/** `# inbound-ignore …` on the line ending at `lineEnd` speaks of the line below it, which must stay there. */
function silencesLineBelow(text: string, lineEnd: number): boolean {
  return lineEnd < text.length && silencesNextLine(text, lineEnd);
}

/**
 * A null written on a line of its own below the key, after a comment (`evidence: # to do`, then
 * `~`): the null becomes the new item's dash line, where it stands, and its other lines follow.
 */
function nullBelow(text: string, from: number, value: Scalar, entries: ItemEntries): { edits: TextEdit[]; change: Change } | undefined {
  const start = from + value.range![0];
  const end = from + value.range![1];
  const lineEnd = lineEndOf(text, end);
  if (value.tag || !/^(?:~|null|Null|NULL)$/.test(text.slice(start, end)) || !startsBlockLine(text, start) || /-/.test(text.slice(lineStartOf(text, start), start))) return undefined;
  if (!/^(?:[ \t]+#.*)?[ \t]*$/.test(text.slice(end, lineEnd)) || silencesLineBelow(text, lineEnd)) return undefined;
  const dash = columnOf(text, start);
  const [first, ...rest] = itemLines(dash, dash + 2, entries);
  const eol = eolAt(text, lineEnd);
  return {
    edits: [
      { span: { start, end }, newText: first.slice(dash) },
      { span: { start: lineEnd, end: lineEnd }, newText: eol + rest.join(eol) },
    ],
    change: { key: 'evidence', appended: true },
  };
}
