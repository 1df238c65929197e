/**
 * `# inbound-ignore CODE -- reason` on the line above a finding silences it, with the reason kept for
 * the reports. The roadmap gate is never silenced this way: only a `waiver` waives it. Only a real
 * YAML comment counts: the same words inside a quoted value or a block scalar (a pasted customer
 * e-mail) are text.
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { RULE_CODES } from '../../../schemas/config';
import type { RuleCode } from '../../../schemas/config';
import { closest } from './did-you-mean';
import type { LineIndex } from './text';
import type { Finding } from './types';

export interface Suppression {
  /** The line the comment is on; it silences findings that start on the next line. */
  line: number;
  code: RuleCode;
  reason: string;
  /** Where the comment's '#' is: after an edit, comments past it move by the edit's length. */
  at: number;
}

/** The ignore comments of a file: those that silence, and findings for those written wrong. */
export interface IgnoreComments {
  suppressions: Suppression[];
  findings: Finding[];
}

const SUPPRESSIBLE = RULE_CODES.filter((c) => c !== 'roadmap-gate');

const MARK = 'inbound-ignore';

/** A '#' that starts a comment (at the start of a line or after white space), then the mark. */
const CANDIDATE = /(^|\s)#\s*inbound-ignore\b/g;

/**
 * The ignore comments in [from, to) of the text. `root` is the parsed YAML that covers that
 * stretch (the document, or the one requirement re-read after an edit): a '#' inside one of its
 * quoted or block scalars is text. Files without the mark cost one search for it.
 */
export function readSuppressions(lines: LineIndex, root: unknown, from = 0, to = lines.text.length): IgnoreComments {
  const out: IgnoreComments = { suppressions: [], findings: [] };
  const text = lines.text;
  const stretch = from === 0 && to === text.length ? text : text.slice(from, to);
  let i = stretch.indexOf(MARK);
  while (i >= 0) {
    const line = lines.positionAt(from + i).line;
    readLine(lines, line, root, from, to, out);
    const next = lines.lineEnd(line) - from;
    i = next < stretch.length ? stretch.indexOf(MARK, next) : -1;
  }
  return out;
}

/** The first ignore comment on a line that is a real comment, if any. */
function readLine(lines: LineIndex, line: number, root: unknown, from: number, to: number, out: IgnoreComments): void {
  const lineStart = lines.lineStart(line);
  const lineText = lines.lineText(line);
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(lineText); m; m = CANDIDATE.exec(lineText)) {
    const hash = lineStart + m.index + m[1].length;
    if (hash < from || hash >= to || insideText(root, hash)) continue;
    readComment(lineText.slice(m.index + m[0].length), line, hash, lineStart + lineText.length, out);
    return;
  }
}

/** `rest`: what follows `inbound-ignore` on the comment's line. */
function readComment(rest: string, line: number, hash: number, lineEnd: number, out: IgnoreComments): void {
  const span = { start: hash, end: lineEnd };
  const [codePart, ...reasonParts] = rest.split('--');
  const code = codePart.trim();
  const reason = reasonParts.join('--').trim();
  if (!(RULE_CODES as readonly string[]).includes(code)) {
    // Not roadmap-gate: a comment cannot silence it, so the suggestion would lead to a new finding.
    const suggestion = code ? closest(code, SUPPRESSIBLE) : undefined;
    out.findings.push({
      code: 'schema',
      message: code
        ? `'${code}' is not a rule code.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Write: # inbound-ignore CODE -- reason.`
        : 'Name the rule to ignore and why: # inbound-ignore CODE -- reason.',
      span,
      // The fix replaces the code only, not the whole comment.
      data: suggestion ? { replacement: suggestion, replaceSpan: codeSpan(rest, lineEnd, code) } : undefined,
    });
    return;
  }
  if (code === 'roadmap-gate') {
    out.findings.push({
      code: 'schema',
      message: "The roadmap gate is not silenced by a comment. Record an approved 'waiver' on the requirement (reason and approved-by) instead.",
      span,
    });
    return;
  }
  if (!reason) {
    out.findings.push({
      code: 'schema',
      message: `Say why ${code} is ignored here, so reviewers and the reports can see it: # inbound-ignore ${code} -- reason.`,
      span,
    });
    return;
  }
  out.suppressions.push({ line, code: code as RuleCode, reason, at: hash });
}

/** Where the misspelt code sits in the comment (offsets in the file); `rest` ends the line at `lineEnd`. */
function codeSpan(rest: string, lineEnd: number, code: string): { start: number; end: number } {
  const start = lineEnd - rest.length + rest.indexOf(code);
  return { start, end: start + code.length };
}

/**
 * Whether an offset lies inside a quoted or block scalar: down from the root through the one
 * child whose range holds it (items are in text order: a binary search in a long list), so a
 * comment costs the depth of the tree, not a walk of it.
 */
function insideText(root: unknown, at: number): boolean {
  let node = root;
  for (;;) {
    if (isScalar(node)) return node.type !== 'PLAIN' && holds(node, at);
    let next: unknown;
    if (isMap(node)) {
      const pair = itemAt(node.items, at);
      if (isPair(pair)) next = holds(pair.key, at) ? pair.key : pair.value;
    } else if (isSeq(node)) {
      next = itemAt(node.items, at);
    } else {
      return false;
    }
    if (!next || !holds(next, at)) return false;
    node = next;
  }
}

/** The last item that starts at or before `at`. */
function itemAt(items: readonly unknown[], at: number): unknown {
  let lo = 0;
  let hi = items.length - 1;
  let found: unknown;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = startOf(items[mid]);
    if (start !== undefined && start <= at) {
      found = items[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function startOf(item: unknown): number | undefined {
  if (isPair(item)) return startOf(item.key) ?? startOf(item.value);
  return (item as YamlNode | null)?.range?.[0];
}

/** Within the node's value (not the comments or blank lines after it). */
function holds(node: unknown, at: number): boolean {
  if (isPair(node)) {
    const start = startOf(node);
    const end = (node.value as YamlNode | null)?.range?.[1] ?? (node.key as YamlNode | null)?.range?.[1];
    return start !== undefined && end !== undefined && start <= at && at < end;
  }
  const range = (node as YamlNode | null)?.range;
  return !!range && range[0] <= at && at < range[1];
}
