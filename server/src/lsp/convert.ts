/** Engine types → LSP types. Nothing else happens here: positions, severities, related places. */
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, Range, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Diagnostic, LineIndex, Severity, Span, TextEdit } from '../engine';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(lines: LineIndex, span: Span): Range {
  return lines.rangeOf(span.start, span.end);
}

export function toTextEdit(lines: LineIndex, edit: TextEdit): LspTextEdit {
  return { range: toRange(lines, edit.span), newText: edit.newText };
}

/**
 * Where a finding's code links to: the page of its rule (docs/rules/<code>.md). The editor names a
 * base the code is appended to (VS Code: a URI its extension opens as a rendered page, offline);
 * other clients that show code links get the page shipped beside the server, when it is there.
 * Undefined: the client shows no code links, or there is no page to link to.
 */
let ruleLink: ((code: string) => string) | undefined;

export function linkRuleDocs(link: ((code: string) => string) | undefined): void {
  ruleLink = link;
}

/** Finds another file's URI and line index, for related locations (the other copy of an id). */
export type Locate = (file: string) => { uri: string; lines: LineIndex } | undefined;

export function toDiagnostic(d: Diagnostic, lines: LineIndex, locate: Locate): LspDiagnostic {
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of d.related ?? []) {
    const other = locate(r.file);
    if (other) related.push({ location: { uri: other.uri, range: toRange(other.lines, r.span) }, message: r.message });
  }
  return {
    range: toRange(lines, d.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    ...(ruleLink ? { codeDescription: { href: ruleLink(d.code) } } : {}),
    source: 'inbound',
    message: d.message,
    ...(related.length ? { relatedInformation: related } : {}),
  };
}

/** Whether two ranges share a position (a code action request covers a diagnostic). */
export function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
