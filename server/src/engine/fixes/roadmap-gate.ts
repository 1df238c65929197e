/**
 * The other two ways through the roadmap gate: step the status back until the evidence is there,
 * or record an exception that someone accountable approves.
 */
import type { Fix, FixProvider } from './fix';
import { onAlias, requirementAt } from './fix';
import { linesAfter, readBlock } from './block';
import { columnOf } from './layout';

export const stepBack: FixProvider = {
  codes: ['roadmap-gate'],
  fixes(diagnostic, { analysis }) {
    const to = diagnostic.data?.stepBack;
    if (typeof to !== 'string' || onAlias(analysis, diagnostic.span)) return [];
    return [{ title: `Move back to '${to}'`, edits: [{ span: diagnostic.span, newText: to }] }];
  },
};

export const recordWaiver: FixProvider = {
  codes: ['roadmap-gate'],
  fixes(diagnostic, { analysis, today }) {
    const req = requirementAt(analysis, diagnostic.span.start);
    // A requirement written as a flow map (`- {id: …}`) has no block to add lines to: no fix.
    const block = req && !req.waiverKeySpan ? readBlock(analysis.text, req.span.start, req.span.end) : undefined;
    if (!block) return [];
    const key = columnOf(analysis.text, req!.span.start);
    const pad = ' '.repeat(key + 2);
    // Reason and approver are left blank on purpose: the waiver is not complete, and the gate not
    // waived, until a person writes why and who approved it.
    const lines = [`${' '.repeat(key)}waiver:`, `${pad}reason: `, `${pad}approved-by: `, `${pad}date: ${today}`];
    const edit = linesAfter(block, block.map, lines, { key: 'waiver', added: true });
    if (!edit) return [];
    const fix: Fix = { title: 'Record a waiver (reason and approver to fill in)', edits: [edit] };
    return [fix];
  },
};
