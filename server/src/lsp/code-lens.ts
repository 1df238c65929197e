/** Above each requirement, its evidence mix and readiness: "1 deal · 0 market · not roadmap-ready". */
import type { CodeLens } from 'vscode-languageserver';
import { judgeFile } from '../engine/report';
import { toRange } from './convert';
import type { DocumentView } from './document-view';
import { evidenceSummary } from '../report/words';
import { evidenceMix } from './evidence-mix';

export function codeLenses(view: DocumentView | undefined): CodeLens[] {
  if (!view?.analysis) return [];
  const judged = judgeFile(view.project.workspace, view.file);
  if (!judged) return [];
  // A lens that informs: an empty command id shows it as text, not as a link.
  const lens = (range: CodeLens['range'], title: string): CodeLens => ({ range, command: { title, command: '' } });
  if (judged.unread) {
    // Its requirements would be guesses: none is counted anywhere until the file can be read.
    const line = view.lines.positionAt(judged.unread.span.start).line;
    return [lens(toRange(view.lines, { start: 0, end: 0 }), `Not counted in the roadmap: YAML cannot read this file (line ${line + 1})`)];
  }
  return judged.requirements.map((row) => lens(toRange(view.lines, row.req.headSpan), evidenceMix(row.req, view.project.workspace, view.file)?.summary ?? evidenceSummary(row.counts)));
}
