/**
 * Text → YAML document with exact ranges, and `yaml-syntax` findings for what the parser rejects.
 * Guards run before the parser so hostile input costs a linear scan, not a second of parser time.
 */
import { isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, LineCounter, Parser, Composer, visit, YAMLParseError } from 'yaml';
import type { Document, Node as YamlNode, Pair, Scalar, Tags, YAMLMap } from 'yaml';
import type { Finding, Span } from './types';

/**
 * Node ranges are all the engine needs from the source: no CST tokens kept (they double the memory).
 * `uniqueKeys` is off: the parser compares each key with every earlier key of its block, which is
 * quadratic (100,000 keys cost minutes). `duplicateKeys` reports the same errors in one pass.
 * Merge keys (`<<`) are not supported: `merge: false` says so for YAML 1.2, and as the YAML 1.1
 * schema brings its own merge tag, `customTags` takes it out, so `<<` is a plain key under both.
 */
export const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: true, merge: false, customTags: withoutMerge } as const;

function withoutMerge(tags: Tags): Tags {
  return tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:merge');
}

/** A `<<` key as YAML would merge it: written plain (a quoted '<<' is an ordinary key). */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && (key.type === 'PLAIN' || key.type === undefined);
}

/** Deeper than this is never a requirement file; the parser would spend seconds on it. */
const MAX_NESTING = 200;

export interface ParsedYaml {
  /** The first document; `undefined` when the text was refused before parsing. */
  doc?: Document.Parsed;
  findings: Finding[];
  /** Named anchors in source order, for resolving aliases in one pass. */
  anchors: Map<string, YamlNode[]>;
  /** The merge keys (`<<`) written in the file: each is a finding, and nothing is merged. */
  mergeKeys: YamlNode[];
}

export function parseYaml(text: string): ParsedYaml {
  const anchors = new Map<string, YamlNode[]>();
  const mergeKeys: YamlNode[] = [];
  const tooDeep = nestingBeyond(text, MAX_NESTING);
  if (tooDeep !== undefined) {
    return {
      findings: [
        {
          code: 'yaml-syntax',
          message: `This file nests deeper than ${MAX_NESTING} levels, which no requirement file needs; Inbound does not read it.`,
          span: { start: tooDeep, end: Math.min(text.length, tooDeep + 1) },
        },
      ],
      anchors,
      mergeKeys,
    };
  }
  const docs: Document.Parsed[] = [];
  const composer = new Composer(PARSE_OPTIONS);
  const parser = new Parser();
  // A lone CR is a line break in YAML 1.2, in the editor and in LineIndex, but not to this parser,
  // which read a classic-Mac file as one long line of errors. CR → LF keeps every offset.
  const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  for (const doc of composer.compose(parser.parse(source), true, text.length)) {
    docs.push(doc as Document.Parsed);
  }
  const findings: Finding[] = [];
  const doc = docs[0];
  if (docs.length > 1) {
    const second = docs[1];
    const start = second.range?.[0] ?? 0;
    findings.push({
      code: 'yaml-syntax',
      message: `This file holds ${docs.length} YAML documents; a requirement file holds one. Remove the '---' separator or move the rest to its own file.`,
      span: lineSpan(text, start),
    });
  }
  if (doc) {
    // An anchor needs an '&', a merge key a '<<': most files have neither, and collecting them is
    // not free on large ones.
    walk(doc.contents, doc.errors, text.includes('&') ? anchors : undefined, text.includes('<<') ? mergeKeys : undefined);
    for (const e of doc.errors) findings.push(errorFinding(text, e.pos, e.code, e.message));
    for (const w of doc.warnings) findings.push(errorFinding(text, w.pos, w.code, w.message));
  }
  return { doc, findings, anchors, mergeKeys };
}

/**
 * One pass over the document: duplicate keys in every block, and the anchors if asked for. Plain
 * recursion (the nesting guard bounds its depth) rather than `visit`, which copies the path at
 * every node.
 */
function walk(node: unknown, errors: YAMLParseError[], anchors: Map<string, YamlNode[]> | undefined, merges: YamlNode[] | undefined): void {
  if (isPair(node)) {
    if (merges && isMergeKey(node.key)) merges.push(node.key as YamlNode);
    walk(node.key, errors, anchors, merges);
    walk(node.value, errors, anchors, merges);
    return;
  }
  if (!isNode(node)) return;
  if (anchors && node.anchor) {
    const list = anchors.get(node.anchor);
    if (list) list.push(node);
    else anchors.set(node.anchor, [node]);
  }
  if (isMap(node)) {
    duplicateKeys(node, errors);
    for (const pair of node.items) walk(pair, errors, anchors, merges);
  } else if (isSeq(node)) {
    for (const item of node.items) walk(item, errors, anchors, merges);
  }
}

/**
 * The parser's own duplicate-key errors (`uniqueKeys: true`), found with a set instead of a scan
 * per key: two scalar keys with the same value, reported at the later key. The error goes into
 * the document's errors, as the parser's would, so a file with one is read as broken YAML.
 */
function duplicateKeys(map: YAMLMap, errors: YAMLParseError[]): void {
  const items = map.items;
  if (items.length < 2) return;
  const report = (key: Scalar) => {
    const at = key.range?.[0] ?? 0;
    errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
  };
  // A requirement or evidence block has a handful of keys: comparing them costs less than a set.
  if (items.length <= 12) {
    for (let i = 1; i < items.length; i++) {
      const key = items[i].key as unknown;
      if (!isScalar(key)) continue;
      for (let j = 0; j < i; j++) {
        const other = items[j].key as unknown;
        // The parser compares with ===, under which NaN equals nothing.
        if (isScalar(other) && other.value === key.value) {
          report(key);
          break;
        }
      }
    }
    return;
  }
  const seen = new Set<unknown>();
  for (const pair of items) {
    const key = pair.key as unknown;
    if (!isScalar(key)) continue;
    // The parser compares with ===, under which NaN equals nothing (a Set would say it does).
    if (Number.isNaN(key.value)) continue;
    if (!seen.has(key.value)) {
      seen.add(key.value);
      continue;
    }
    report(key);
  }
}

/** Whether the document has an anchor or an alias: then one part of it can stand for another. */
export function hasAnchorsOrAliases(text: string, doc: Document.Parsed): boolean {
  if (!text.includes('&') && !text.includes('*')) return false;
  let found = false;
  visit(doc, {
    Node(_key, node) {
      if (node.anchor || isAlias(node)) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Whether the document starts with a directive (`%YAML 1.1`, `%TAG`): they change how every value
 * below is read, and a requirement read on its own would not see them.
 */
export function hasDirectives(doc: Document.Parsed): boolean {
  const d = doc.directives;
  if (!d) return false;
  if (d.yaml.explicit) return true;
  for (const handle in d.tags) if (handle !== '!!' || d.tags[handle] !== 'tag:yaml.org,2002:') return true;
  return false;
}

function errorFinding(text: string, pos: [number, number], code: string, message: string): Finding {
  if (code === 'MISSING_CHAR' && /quote/i.test(message)) {
    // The parser says which: "Missing closing 'quote" or "Missing closing \"quote".
    const opening = openingQuote(text, pos[0], message.includes("'quote") ? "'" : '"');
    if (opening !== undefined) {
      return {
        code: 'yaml-syntax',
        message: `This quote is never closed, so YAML reads everything after it as one value: add the closing ${text[opening]} where the value ends.`,
        span: lineSpan(text, opening),
      };
    }
  }
  let [start, end] = pos;
  // At the very end of the text the parser points past the last character: show the last one
  // that can be seen, not the final line break.
  if (start >= text.length) {
    start = text.length;
    while (start > 0 && /\s/.test(text[start - 1])) start--;
    start = Math.max(0, start - 1);
    end = start + 1;
  }
  if (end <= start) end = Math.min(text.length, start + 1);
  if (code === 'TAG_RESOLVE_FAILED') {
    const tag = text.slice(start, end).trim();
    return {
      code: 'yaml-syntax',
      message: `Inbound does not read YAML tags such as ${tag || 'this one'}, and never runs anything written in a file: remove the tag and write the value as plain text.`,
      span: { start, end },
    };
  }
  return { code: 'yaml-syntax', message: explain(code, message), span: { start, end } };
}

/**
 * The quote that opened a value the parser never saw closed: the parser points at the end of the
 * text, the person needs the place they forgot. Scanning back, the first unescaped quote of that
 * kind is the opening one, as none inside the value could have closed it.
 */
function openingQuote(text: string, from: number, quote: string): number | undefined {
  for (let i = Math.min(from, text.length) - 1; i >= 0; i--) {
    if (text[i] !== quote) continue;
    if (quote === '"' && text[i - 1] === '\\') continue;
    if (quote === "'" && (text[i - 1] === "'" || text[i + 1] === "'")) {
      i--;
      continue;
    }
    return i;
  }
  return undefined;
}

/** The parser's words, said for a person who is not a programmer. */
function explain(code: string, message: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'This key appears twice in the same block; keep one of them.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return `YAML cannot read this: ${lowerFirst(message)}. Check the indentation and quotes on this line.`;
    default:
      return `YAML cannot read this: ${lowerFirst(message)}.`;
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');
}

function lineSpan(text: string, start: number): Span {
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end: Math.max(end, Math.min(text.length, start + 1)) };
}

/**
 * The offset where nesting first exceeds `limit`, counting flow brackets and block indentation
 * (roughly: brackets inside quotes are counted too, which only makes the guard stricter on text
 * that is already far from a requirement file). A block collection nested in another starts at
 * least one column further right, and in compact form (`- - x`, `? ? x`, `? - : x`) the
 * indicators are that indentation: every space and indicator before a line's content counts.
 */
export function nestingBeyond(text: string, limit: number): number | undefined {
  let flow = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32 || ((c === 45 /* - */ || c === 63 /* ? */ || c === 58) /* : */ && isBlank(text.charCodeAt(i + 1)))) {
        indent++;
        if (indent > limit * 2) return i;
        continue;
      }
      lineStart = false;
    }
    if (c === 91 || c === 123) {
      if (++flow > limit) return i;
    } else if (c === 93 || c === 125) {
      if (flow > 0) flow--;
    } else if (c === 35 /* # */) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10 && text.charCodeAt(i + 1) !== 13) i++;
    }
  }
  return undefined;
}

/** After a block indicator: a space, a tab, a line break or the end of the text. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c);
}

// ----- ranges of nodes -------------------------------------------------------------------------

export function spanOf(node: YamlNode | null | undefined): Span | undefined {
  if (!node || !node.range) return undefined;
  return { start: node.range[0], end: node.range[1] };
}

export { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter };
export type { Document, YamlNode, Pair };
