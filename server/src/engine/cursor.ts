/**
 * Where the cursor is in a requirement file, read from the lines around it rather than from the
 * parse: completion runs on half-typed text that YAML cannot read yet. The indentation says which
 * block the cursor is in (a requirement, an evidence item, a waiver) and which keys it already has.
 */
import type { Span } from './types';

export interface CursorContext {
  /** The block the cursor is in, as a path: '' (top), 'requirements[]', 'requirements[].evidence[]', 'roadmap' … */
  block: string;
  /** Writing a key, a key's value, or an entry of a list of words (`depends-on`). */
  position: 'key' | 'value' | 'entry';
  /** For a value: its key; for an entry: the list's key. */
  key?: string;
  /** What has been typed of the current word, and the range a completion replaces. */
  prefix: string;
  span: Span;
  /** Keys already written in the block, with their values as written. */
  siblings: Map<string, string>;
  /** For a value: all of it, as written on the line (an account name replaces it whole). */
  value?: Span;
}

interface Line {
  /** Column after indentation and list dashes: where this line's key starts. */
  keyCol: number;
  /** Column of the last list dash, if the line starts a list item. */
  dash?: number;
  key?: string;
  value?: string;
  blank: boolean;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)\s*:(?=\s|$)/;

function readLine(text: string): Line {
  let i = 0;
  while (text[i] === ' ') i++;
  let dash: number | undefined;
  while (text[i] === '-' && (i + 1 === text.length || text[i + 1] === ' ')) {
    dash = i;
    i++;
    while (text[i] === ' ') i++;
  }
  const rest = text.slice(i);
  if (rest === '' || rest.startsWith('#')) return { keyCol: i, dash, blank: dash === undefined };
  const m = KEY.exec(rest);
  if (!m) return { keyCol: i, dash, blank: false };
  const key = m[1].replace(/^(["'])(.*)\1$/, '$2');
  const value = rest.slice(m[0].length).replace(/\s+#.*$/, '').trim();
  return { keyCol: i, dash, key, value, blank: false };
}

function splitLines(text: string): { starts: number[]; lines: string[] } {
  const lines: string[] = [];
  const starts: number[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (i === text.length || c === '\n' || c === '\r') {
      starts.push(start);
      lines.push(text.slice(start, i));
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  return { starts, lines };
}

const WORD = /[A-Za-z0-9_.@\-]/;

/** The word at an offset (ids, kinds, statuses), with its span. */
export function wordAt(text: string, offset: number): { word: string; span: Span } | undefined {
  let start = Math.max(0, Math.min(offset, text.length));
  let end = start;
  while (start > 0 && WORD.test(text[start - 1])) start--;
  while (end < text.length && WORD.test(text[end])) end++;
  if (start === end) return undefined;
  return { word: text.slice(start, end), span: { start, end } };
}

export function cursorContext(text: string, offset: number): CursorContext {
  const { starts, lines } = splitLines(text);
  let L = 0;
  while (L + 1 < starts.length && starts[L + 1] <= offset) L++;
  const lineStart = starts[L];
  const lineText = lines[L];
  const col = Math.max(0, Math.min(offset - lineStart, lineText.length));
  const before = lineText.slice(0, col);
  const here = readLine(before);

  // The word being typed, and how far it runs on after the cursor (a completion replaces it all).
  let wordStart = col;
  while (wordStart > 0 && WORD.test(lineText[wordStart - 1])) wordStart--;
  let wordEnd = col;
  while (wordEnd < lineText.length && WORD.test(lineText[wordEnd])) wordEnd++;
  const span = { start: lineStart + wordStart, end: lineStart + wordEnd };
  const prefix = lineText.slice(wordStart, col);

  // Up from the cursor: the line that opens this block, then the keys that hold it.
  const path: string[] = [];
  const siblings = new Map<string, string>();
  let target = here.keyCol;
  // Set while the block is a list item whose list's key is still to be found above.
  let listAt = here.dash;
  let collecting = listAt === undefined;
  for (let l = L - 1; l >= 0; l--) {
    const p = readLine(lines[l]);
    if (p.blank || (p.key === undefined && p.dash === undefined)) continue;
    if (listAt !== undefined) {
      // `evidence:` holds items at its own column or further right.
      const holds = p.keyCol < listAt || (p.keyCol === listAt && p.dash === undefined && p.key !== undefined && !p.value);
      if (!holds) continue;
      if (p.key === undefined) break;
      path.unshift(`${p.key}[]`);
      target = p.keyCol;
      listAt = p.dash;
      continue;
    }
    if (p.keyCol > target) continue;
    if (p.keyCol === target) {
      if (collecting && p.key !== undefined) siblings.set(p.key, p.value ?? '');
      if (p.dash !== undefined) {
        listAt = p.dash;
        collecting = false;
      }
      continue;
    }
    if (p.key === undefined) break;
    path.unshift(p.key);
    collecting = false;
    target = p.keyCol;
    listAt = p.dash;
  }
  // Keys below the cursor, up to the end of the block, count too.
  {
    for (let l = L + 1; l < lines.length; l++) {
      const p = readLine(lines[l]);
      if (p.blank || (p.key === undefined && p.dash === undefined)) continue;
      if (p.keyCol < here.keyCol || (p.dash !== undefined && p.dash < here.keyCol)) break;
      if (p.keyCol === here.keyCol && p.key !== undefined) siblings.set(p.key, p.value ?? '');
    }
  }
  const block = path.join('.');
  if (here.key !== undefined) {
    return { block, position: 'value', key: here.key, prefix, span, siblings, value: valueAt(lineText, lineStart, here) };
  }
  const list = path[path.length - 1];
  if (here.dash !== undefined && list?.endsWith('[]') && ENTRY_LISTS.has(list.slice(0, -2))) {
    return { block: path.slice(0, -1).join('.'), position: 'entry', key: list.slice(0, -2), prefix, span, siblings: new Map() };
  }
  return { block, position: 'key', prefix, span, siblings };
}

/** Lists of words rather than of blocks: their entries complete as values. */
const ENTRY_LISTS = new Set(['depends-on', 'segments', 'statuses', 'files', 'ignore']);

/** The whole value after `key:` on the cursor's line (without a trailing comment). */
function valueAt(lineText: string, lineStart: number, here: Line): Span {
  const colon = lineText.indexOf(':', here.keyCol + (here.key?.length ?? 0));
  let start = colon + 1;
  while (lineText[start] === ' ') start++;
  let end = lineText.search(/\s+#/);
  if (end < start) end = lineText.length;
  while (end > start && lineText[end - 1] === ' ') end--;
  return { start: lineStart + start, end: lineStart + end };
}
