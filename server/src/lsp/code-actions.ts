/**
 * Quick fixes for the diagnostics under the cursor, and "Fix all auto-fixable problems": the engine's
 * fixes as LSP code actions, each edit bound to the document version it was computed for.
 */
import { CodeActionKind } from 'vscode-languageserver';
import type { CodeAction, CodeActionParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { fixAllEdits, fixesFor } from '../engine';
import { overlaps, toDiagnostic, toTextEdit } from './convert';
import type { DocumentView } from './document-view';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.inbound`;

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function editOf(view: DocumentView, edits: TextEdit[]): WorkspaceEdit {
  // A version pins the edit: if the document changed meanwhile, the editor refuses it.
  if (view.version !== null) {
    return { documentChanges: [{ textDocument: { uri: view.uri, version: view.version }, edits }] };
  }
  return { changes: { [view.uri]: edits } };
}

export function codeActions(view: DocumentView | undefined, params: CodeActionParams): CodeAction[] {
  if (!view?.analysis) return [];
  const { project, file, lines } = view;
  const ws = project.workspace;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const diagnostics = ws.diagnostics(file).diagnostics;
  if (wants(only, CodeActionKind.QuickFix)) {
    const locate = () => undefined;
    for (const d of diagnostics) {
      const lsp = toDiagnostic(d, lines, locate);
      if (!overlaps(lsp.range, params.range)) continue;
      // The editor matches actions to its diagnostics by range, code and message.
      const shown = params.context.diagnostics.find(
        (c) => c.code === lsp.code && c.message === lsp.message && c.range.start.line === lsp.range.start.line,
      );
      for (const fix of fixesFor(ws, file, d)) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [shown ?? lsp],
          ...(fix.preferred ? { isPreferred: true } : {}),
          edit: editOf(view, fix.edits.map((e) => toTextEdit(lines, e))),
        });
      }
    }
  }
  if (only?.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(o + '.')) || (!only && actions.length)) {
    const edits = fixAllEdits(ws, file);
    if (edits.length) {
      actions.push({
        title: 'Fix all auto-fixable problems',
        kind: FIX_ALL_KIND,
        edit: editOf(view, edits.map((e) => toTextEdit(lines, e))),
      });
    }
  }
  return actions;
}
