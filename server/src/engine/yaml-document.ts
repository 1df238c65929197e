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
 * `!!binary` is not read either (a requirement file holds text): yaml's Node and browser builds
 * decode it differently (Buffer skips what atob refuses), so the bundles and the sources would
 * judge one file two ways. Without its tag it is an unknown tag, one finding under both builds.
 */
export const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: true, merge: false, resolveKnownTags: false, customTags: withoutMergeOrBinary } as const;

const NOT_READ = new Set(['tag:yaml.org,2002:merge', 'tag:yaml.org,2002:binary']);

function withoutMergeOrBinary(tags: Tags): Tags {
  return tags.filter((t) => typeof t === 'string' || !NOT_READ.has(t.tag));
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
    for (const f of errorFindings(text, source, doc.errors)) findings.push(f);
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

// ----- a stray line --------------------------------------------------------------------------

/** How many stray lines are explained one by one before the parser's own words are shown. */
const MAX_STRAY_LINES = 3;

/**
 * The parser's errors, said for a person. One line indented less than the lines around it (a
 * note typed at column 0 in the middle of a list, a key one space short) makes the parser read
 * the rest of its block wrongly and report every line after it: that is one finding naming the
 * line. The guess is checked, not trusted: with that line blanked out, the text is parsed again,
 * and only if its block then reads cleanly is the cascade replaced by the one finding, plus the
 * errors that are left (a duplicate key elsewhere is still reported). Costs nothing unless the
 * parser found an error.
 */
function errorFindings(text: string, source: string, errors: readonly YAMLParseError[], depth = 0): Finding[] {
  const stray = depth < MAX_STRAY_LINES ? strayLine(source, errors) : undefined;
  if (stray) {
    const blanked = source.slice(0, stray.lineStart) + ' '.repeat(stray.lineEnd - stray.lineStart) + source.slice(stray.lineEnd);
    const rest = parseAgain(blanked);
    if (rest && !rest.some((e) => e.pos[0] >= stray.lineStart && e.pos[0] < stray.blockEnd)) {
      const finding: Finding = {
        code: 'yaml-syntax',
        message: `Line ${stray.number} is not indented like the lines around it, so YAML cannot tell which block it belongs to: indent it like its neighbours, or turn it into a comment with #.`,
        span: { start: stray.start, end: stray.end },
      };
      return [finding, ...errorFindings(text, blanked, rest, depth + 1)].sort((a, b) => a.span.start - b.span.start);
    }
  }
  return errors.map((e) => errorFinding(text, e.pos, e.code, e.message));
}

/** The errors of the first document of `source`, duplicate keys included, as `parseYaml` finds them. */
function parseAgain(source: string): YAMLParseError[] | undefined {
  const composer = new Composer(PARSE_OPTIONS);
  for (const doc of composer.compose(new Parser().parse(source), true, source.length)) {
    walk(doc.contents, doc.errors, undefined, undefined);
    return doc.errors;
  }
  return undefined;
}

interface StrayLine {
  /** 1-based, as a person counts. */
  number: number;
  lineStart: number;
  lineEnd: number;
  /** The line's text, without its indentation and trailing space. */
  start: number;
  end: number;
  /** Where the block the line interrupts ends: the next line indented no deeper than it. */
  blockEnd: number;
}

/**
 * The line of the parser's first error (a duplicate key is never a cascade), if it is indented
 * less than the line before it and either the lines after it go on deeper (it interrupts their
 * block) or its indentation is that of no block open above it.
 */
function strayLine(source: string, errors: readonly YAMLParseError[]): StrayLine | undefined {
  let first: number | undefined;
  for (const e of errors) if (e.code !== 'DUPLICATE_KEY' && (first === undefined || e.pos[0] < first)) first = e.pos[0];
  if (first === undefined || first >= source.length) return undefined;
  const line = lineAround(source, first);
  if (!line.content) return undefined;
  const before = contentLine(source, line.start, -1);
  if (!before || before.indent <= line.indent) return undefined;
  const after = contentLine(source, line.end, 1);
  if (!(after && after.indent > line.indent) && openIndents(source, before).has(line.indent)) return undefined;
  let blockEnd = source.length;
  for (let next = after; next; next = contentLine(source, next.end, 1)) {
    if (next.indent <= line.indent) {
      blockEnd = next.start;
      break;
    }
  }
  let end = line.end;
  while (end > line.start + line.indent && /\s/.test(source[end - 1])) end--;
  let number = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < line.start; i = source.indexOf('\n', i + 1)) number++;
  return { number, lineStart: line.start, lineEnd: line.end, start: line.start + line.indent, end, blockEnd };
}

interface SourceLine {
  start: number;
  /** Before the line break. */
  end: number;
  indent: number;
  /** Not blank and not only a comment. */
  content: boolean;
}

function lineAround(source: string, offset: number): SourceLine {
  // lastIndexOf clamps a negative start to 0, where a line break would be found again.
  const start = offset > 0 ? source.lastIndexOf('\n', offset - 1) + 1 : 0;
  let end = source.indexOf('\n', offset);
  if (end < 0) end = source.length;
  let indent = 0;
  while (start + indent < end && source[start + indent] === ' ') indent++;
  const c = source[start + indent];
  const content = start + indent < end && c !== '#' && c !== '\r' && c !== '\t';
  return { start, end, indent, content };
}

/** The nearest line before (`step` -1, from a line's start) or after (1, from a line's end) with content. */
function contentLine(source: string, from: number, step: 1 | -1): SourceLine | undefined {
  let at = from;
  for (;;) {
    if (step < 0 ? at <= 0 : at >= source.length) return undefined;
    const line = lineAround(source, step < 0 ? at - 1 : at + 1);
    if (line.content) return line;
    const next = step < 0 ? line.start : line.end;
    if (step < 0 ? next >= at : next <= at) return undefined;
    at = next;
  }
}

/**
 * The indentations of the blocks open at a line, read upwards from it: each line less indented
 * than all below it opens one, and `- key:` also opens the block of keys after its dash.
 */
function openIndents(source: string, from: SourceLine): Set<number> {
  const open = new Set<number>();
  let bound = Infinity;
  for (let line: SourceLine | undefined = from; line && bound > 0; line = contentLine(source, line.start, -1)) {
    if (line.indent >= bound) continue;
    open.add(line.indent);
    const dash = /^(?:- +)+/.exec(source.slice(line.start + line.indent, line.end));
    if (dash) open.add(line.indent + dash[0].length);
    bound = line.indent;
  }
  return open;
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
