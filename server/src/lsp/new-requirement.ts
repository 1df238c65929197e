/**
 * "New Requirement": a block at the end of a requirement file with the next free id of the file's
 * prefix (CHK-107 after CHK-106), a blank title and the status `idea`.
 */
import { nextFreeId } from '../engine';
import { eolOf } from '../engine/fixes/layout';
import type { NewRequirementResult } from './protocol';
import type { DocumentView } from './document-view';

export function newRequirement(view: DocumentView | undefined): NewRequirementResult | null {
  if (!view?.analysis || view.isConfig) return null;
  const { text, lines, analysis, project } = view;
  const ids = project.workspace.requirementIds();
  const model = analysis.model;
  const last = [...model.requirements].reverse().find((r) => r.id);
  // The prefix of this file's ids (or of any id), one above the highest number in use.
  const sample = last?.id ?? [...ids].sort()[0];
  const id = (sample && nextFreeId(sample, ids)) || 'REQ-1';
  const eol = eolOf(text || '\n');
  const dash = last ? ' '.repeat(Math.max(0, lines.positionAt(last.span.start).character - 2)) : '  ';
  const pad = dash + '  ';
  const block = [`${dash}- id: ${id}`, `${pad}title: `, `${pad}status: idea`];
  let prefixText = '';
  if (!model.requirementsKeySpan) prefixText = `${text.length && !text.endsWith('\n') ? eol : ''}requirements:${eol}`;
  else if (text.length && !/\r?\n$/.test(text)) prefixText = eol;
  const insert = prefixText + block.join(eol) + eol;
  const end = lines.positionAt(text.length);
  const startLine = end.line + prefixText.split(/\r?\n/).length - 1;
  return {
    id,
    edit: { range: { start: end, end }, newText: insert },
    title: { start: { line: startLine + 1, character: pad.length + 7 }, end: { line: startLine + 1, character: pad.length + 7 } },
  };
}
