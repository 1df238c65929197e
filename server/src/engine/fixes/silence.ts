/**
 * "Silence with a reason": `# inbound-ignore CODE -- ` on the line above the finding's line,
 * indented like that line, with the reason left for a person to write. Until it is written the
 * comment is itself a `schema` finding ("Say why …") and silences nothing: a decision not to act
 * on a finding is recorded with its reason or not at all, and the reports list it.
 *
 * Not offered for the roadmap gate (only an approved `waiver` opens it), for `yaml-syntax` and
 * `file-too-large` (a file that is not read has no comments that count), nor for a finding about an
 * ignore comment itself. Not offered either where the new line would come between another
 * `inbound-ignore` comment and the line it speaks of: one comment speaks of one line, so that one
 * would then silence the wrong line.
 *
 * The comment is checked, not trusted, as block.ts checks the fixes that add lines: the stretch it
 * lands in is parsed again with it, and the fix is offered only if it parses and every value is
 * what it was. A line that is text (inside a quoted or block scalar) would change a value there, and
 * gets no fix.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { RULE_CODES } from '../../../../schemas/config';
import type { RuleCode } from '../../../../schemas/config';
import type { TextEdit } from '../types';
import { readBlock } from './block';
import type { FixProvider } from './fix';
import { requirementAt } from './fix';
import { eolAt, lineEndOf, lineStartOf, previousLineEnd, silencesNextLine } from './layout';

/** What no comment silences. */
const NOT_BY_COMMENT: readonly RuleCode[] = ['roadmap-gate', 'yaml-syntax', 'file-too-large'];

export const SILENCE_TITLE = 'Silence with a reason';

export const silenceWithReason: FixProvider = {
  codes: RULE_CODES.filter((c) => !NOT_BY_COMMENT.includes(c)),
  fixes(diagnostic, { analysis }) {
    const { text } = analysis;
    // "Say why …" about an ignore comment is answered by writing the reason, not by another comment.
    if (/^#[ \t]*inbound-ignore\b/.test(text.slice(diagnostic.span.start, diagnostic.span.start + 40))) return [];
    const edit = ignoreComment(text, diagnostic.span.start, diagnostic.code);
    if (!edit) return [];
    const req = requirementAt(analysis, diagnostic.span.start);
    const block = req ? readBlock(text, req.span.start, req.span.end) : undefined;
    // The requirement's own lines when it is written as a block (the cost of one requirement),
    // else the whole file (a requirement written as a flow map, or a finding outside every one).
    const stretch = block && block.from <= edit.span.start && edit.span.start < block.to ? { from: block.from, to: block.to } : { from: 0, to: text.length };
    if (!keepsEveryValue(text, stretch, edit)) return [];
    return [{ title: `${SILENCE_TITLE} (${diagnostic.code})`, edits: [edit] }];
  },
};

/** The comment line for a finding that starts at `offset`, or undefined where none may go. */
export function ignoreComment(text: string, offset: number, code: string): TextEdit | undefined {
  const lineStart = lineStartOf(text, offset);
  // The line above already speaks of this line: the new one would come between the two.
  if (lineStart > 0 && silencesNextLine(text, previousLineEnd(text, lineStart))) return undefined;
  // A byte order mark stays the file's first character.
  const start = lineStart === 0 && text.charCodeAt(0) === 0xfeff ? 1 : lineStart;
  const indent = /^[ \t]*/.exec(text.slice(start, lineEndOf(text, start)))![0];
  // The line break of the line it goes above, so the file keeps its own (CRLF, CR, LF).
  const eol = eolAt(text, start);
  return { span: { start, end: start }, newText: `${indent}# inbound-ignore ${code} -- ${eol}` };
}

const PARSE = { prettyErrors: false, strict: true, uniqueKeys: true } as const;

/** Whether the stretch of text still parses, with every value as it was, once the edit is made in it. */
function keepsEveryValue(text: string, stretch: { from: number; to: number }, edit: TextEdit): boolean {
  const before = text.slice(stretch.from, stretch.to);
  const at = edit.span.start - stretch.from;
  const after = before.slice(0, at) + edit.newText + before.slice(at);
  // A lone CR is a line break in YAML, but not to this parser: CR → LF keeps every offset.
  const read = (source: string) => parseDocument(source.replace(/\r(?!\n)/g, '\n'), PARSE);
  const was = read(before);
  if (was.errors.length) return false;
  const now = read(after);
  return now.errors.length === 0 && shape(now.contents) === shape(was.contents);
}

/** A node's value as a string that two equal values share: scalars with their type and tag, aliases by name. */
function shape(node: unknown): string {
  if (isScalar(node)) return `s${JSON.stringify([typeof node.value, String(node.value), node.tag ?? ''])}`;
  if (isAlias(node)) return `*${node.source}`;
  if (isMap(node)) return `{${node.items.map((p) => `${shape(p.key)}:${shape(p.value)}`).join(',')}}${node.tag ?? ''}`;
  if (isSeq(node)) return `[${node.items.map(shape).join(',')}]${node.tag ?? ''}`;
  return node === null || node === undefined ? '~' : `?${JSON.stringify(node)}`;
}
