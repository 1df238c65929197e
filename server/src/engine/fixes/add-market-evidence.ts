/**
 * "Add market evidence": the way forward from a sales-driven or empty evidence list. Appends an
 * interview dated today with the account left blank, so the new item is a to-do: it counts for
 * nothing until a person names who was interviewed.
 */
import type { Requirement } from '../model';
import type { TextEdit } from '../types';
import type { FixProvider } from './fix';
import { requirementAt } from './fix';
import { columnOf, dashColumn, eolOf, insertLines, lineEndOf, startsBlockLine } from './layout';

export const addMarketEvidence: FixProvider = {
  codes: ['single-deal', 'sales-only', 'no-evidence', 'roadmap-gate'],
  fixes(diagnostic, { analysis, today }) {
    const req = requirementAt(analysis, diagnostic.span.start);
    const edit = req && appendInterview(analysis.text, req, today);
    if (!edit) return [];
    // Where it is the only way forward, it is the fix to take; at the gate a person chooses.
    return [{ title: 'Add market evidence (an interview to fill in)', edits: [edit], preferred: diagnostic.code !== 'roadmap-gate' }];
  },
};

/** The dash at column `dash` and every key at column `fields`, however far apart the two are. */
function itemLines(dash: number, fields: number, today: string): string[] {
  const pad = ' '.repeat(fields);
  return [`${' '.repeat(dash)}-${' '.repeat(Math.max(1, fields - dash - 1))}kind: interview`, `${pad}account: `, `${pad}date: ${today}`];
}

export function appendInterview(text: string, req: Requirement, today: string): TextEdit | undefined {
  if (!startsBlockLine(text, req.span.start)) return undefined; // a requirement written as a flow map
  const keyIndent = columnOf(text, req.span.start);
  const list = req.evidenceList;
  if (!list || !req.evidenceKeySpan) {
    // No evidence key: add one at the end of the requirement, in the usual layout.
    return insertLines(text, req.span.end, [`${' '.repeat(keyIndent)}evidence:`, ...itemLines(keyIndent + 2, keyIndent + 4, today)]);
  }
  if (list.form === 'block' && req.evidence.length > 0) {
    const last = req.evidence[req.evidence.length - 1];
    const dash = dashColumn(text, last.span.start);
    if (dash === undefined) return undefined;
    return insertLines(text, last.span.end, itemLines(dash, columnOf(text, last.span.start), today));
  }
  const keyColumn = columnOf(text, req.evidenceKeySpan.start);
  const lines = itemLines(keyColumn + 2, keyColumn + 4, today);
  const eol = eolOf(text);
  if (list.form === 'empty') {
    // `evidence:` with nothing after it (perhaps a comment): the items go on the lines below.
    const at = lineEndOf(text, req.evidenceKeySpan.end);
    return { span: { start: at, end: at }, newText: eol + lines.join(eol) };
  }
  if (list.form === 'flow' && /^\[\s*\]$/.test(text.slice(list.span.start, list.span.end))) {
    // `evidence: []` becomes a block list; the space before `[]` goes too.
    let start = list.span.start;
    while (start > req.evidenceKeySpan.end && text[start - 1] === ' ') start--;
    return { span: { start, end: list.span.end }, newText: eol + lines.join(eol) };
  }
  return undefined;
}
