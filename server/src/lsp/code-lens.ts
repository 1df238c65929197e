/** Above each requirement, its evidence mix and readiness: "1 deal · 0 market · not roadmap-ready". */
import type { CodeLens } from 'vscode-languageserver';
import { toRange } from './convert';
import { codesByRequirement, evidenceMix } from './evidence-mix';
import type { DocumentView } from './document-view';

export function codeLenses(view: DocumentView | undefined): CodeLens[] {
  if (!view?.analysis) return [];
  const ws = view.project.workspace;
  const reqs = view.analysis.model.requirements;
  const codes = codesByRequirement(reqs, ws.diagnostics(view.file).diagnostics);
  return reqs.map((req) => ({
    range: toRange(view.lines, req.headSpan),
    // A lens that informs: an empty command id shows it as text, not as a link.
    command: { title: evidenceMix(req, ws, codes.get(req)).summary, command: '' },
  }));
}
