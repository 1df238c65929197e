/** The outline of a file (area, requirements, their evidence) and Ctrl+T across the workspace. */
import { SymbolKind } from 'vscode-languageserver';
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver';
import { toRange } from './convert';
import type { Project } from './projects';
import { uriOf } from './projects';
import type { DocumentView } from './document-view';

export function documentSymbols(view: DocumentView | undefined): DocumentSymbol[] {
  if (!view?.analysis) return [];
  const { lines } = view;
  const tidy = (s: { start: number; end: number }) => {
    let end = s.end;
    while (end > s.start && /\s/.test(view.text[end - 1])) end--;
    return toRange(lines, { start: s.start, end });
  };
  return view.analysis.model.requirements.map((req) => {
    const range = tidy(req.span);
    const selection = req.idSpan ? toRange(lines, req.idSpan) : toRange(lines, req.headSpan);
    return {
      name: `${req.id ?? '(no id)'} ${req.title ?? ''}`.trim(),
      detail: req.status,
      kind: SymbolKind.Class,
      range,
      selectionRange: selection,
      children: req.evidence.map((e) => {
        const r = tidy(e.span);
        return {
          name: [e.kind ?? 'evidence', e.account, e.deal].filter(Boolean).join(' · '),
          detail: e.date,
          kind: e.class === 'sales' ? SymbolKind.Event : SymbolKind.Field,
          range: r,
          selectionRange: { start: r.start, end: r.start },
        };
      }),
    };
  });
}

/** Requirements whose id or title contains the query's characters in order (as Ctrl+T matches). */
export function workspaceSymbols(projects: readonly Project[], query: string): SymbolInformation[] {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const matches = (text: string) => {
    let i = 0;
    for (const c of text.toLowerCase()) if (c === q[i]) i++;
    return i === q.length;
  };
  const out: SymbolInformation[] = [];
  for (const project of projects) {
    for (const a of project.workspace.analyses()) {
      for (const req of a.model.requirements) {
        if (!req.id || !req.idSpan) continue;
        const name = `${req.id} ${req.title ?? ''}`.trim();
        if (q && !matches(name)) continue;
        out.push({
          name,
          kind: SymbolKind.Class,
          location: { uri: uriOf(a.file), range: toRange(a.lines, req.idSpan) },
          containerName: a.model.area,
        });
        if (out.length >= 1000) return out;
      }
    }
  }
  return out;
}
