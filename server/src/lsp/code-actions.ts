/**
 * Quick fixes for the diagnostics under the cursor, and "Fix all auto-fixable problems": the engine's
 * fixes as LSP code actions, each edit bound to the document version it was computed for. The
 * config file gets its did-you-means too ("Change to 'stale-evidence'").
 *
 * A fix that leaves a blank for a person to fill in (the account of a new interview, a waiver's
 * reason, the reason of an ignore comment) puts the cursor there: for a client that announces
 * snippet edits (LSP 3.18 `SnippetTextEdit`), that edit is sent as a snippet whose one tab stop is
 * the first blank. Other clients get the same plain text edits as ever.
 */
import { CodeActionKind } from 'vscode-languageserver';
import type { CodeAction, CodeActionParams, SnippetTextEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { fixAllEdits, fixesFor } from '../engine';
import type { Diagnostic, FileAnalysis, TextEdit as EngineTextEdit } from '../engine';
import type { Fix } from '../engine/fixes';
import { changeToSuggestion } from '../engine/fixes/schema';
import { overlaps, toDiagnostic, toTextEdit } from './convert';
import type { DocumentView } from './document-view';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.inbound`;

/** Whether the client applies snippet edits in workspace edits (`workspace.workspaceEdit.snippetEditSupport`). */
let snippetEdits = false;

export function useSnippetEdits(supported: boolean): void {
  snippetEdits = supported;
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function editOf(view: DocumentView, edits: (TextEdit | SnippetTextEdit)[]): WorkspaceEdit {
  // A version pins the edit: if the document changed meanwhile, the editor refuses it.
  if (view.version !== null) {
    return { documentChanges: [{ textDocument: { uri: view.uri, version: view.version }, edits }] };
  }
  // Snippet edits exist only in document changes: without a version, the plain text.
  return { changes: { [view.uri]: edits.map(plain) } };
}

function plain(edit: TextEdit | SnippetTextEdit): TextEdit {
  return 'snippet' in edit ? { range: edit.range, newText: fromSnippet(edit.snippet.value) } : edit;
}

export function codeActions(view: DocumentView | undefined, params: CodeActionParams): CodeAction[] {
  if (view?.isConfig) return configActions(view, params);
  if (!view?.analysis) return [];
  const { project, file } = view;
  const ws = project.workspace;
  return actionsFor(view, params, ws.diagnostics(file).diagnostics, (d) => fixesFor(ws, file, d), () => fixAllEdits(ws, file));
}

/**
 * The config's misspellings: a rule code, a severity, a setting. The engine keeps quick fixes for
 * requirement files; "Change to 'X'" reads nothing but the text and the finding's replacement, so
 * the config's findings take the same fix.
 */
function configActions(view: DocumentView, params: CodeActionParams): CodeAction[] {
  const ws = view.project.workspace;
  const analysis = { text: view.text } as FileAnalysis;
  const fixes = (d: Diagnostic) => changeToSuggestion.fixes(d, { analysis, today: ws.today, ids: new Set() });
  const diagnostics = ws.diagnostics(view.file).diagnostics;
  const fixAll = () => {
    const edits = diagnostics.flatMap((d) => fixes(d).flatMap((f) => (f.auto ? f.edits : [])));
    edits.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    // Two fixes touching the same text: the first is kept, the next run takes the other.
    const kept: EngineTextEdit[] = [];
    for (const e of edits) if (!kept.length || e.span.start >= kept[kept.length - 1].span.end) kept.push(e);
    return kept;
  };
  return actionsFor(view, params, diagnostics, fixes, fixAll);
}

function actionsFor(
  view: DocumentView,
  params: CodeActionParams,
  diagnostics: Diagnostic[],
  fixesOf: (d: Diagnostic) => Fix[],
  fixAll: () => EngineTextEdit[],
): CodeAction[] {
  const { lines } = view;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    const locate = () => undefined;
    for (const d of diagnostics) {
      const lsp = toDiagnostic(d, lines, locate);
      if (!overlaps(lsp.range, params.range)) continue;
      // The editor matches actions to its diagnostics by range, code and message.
      const shown = params.context.diagnostics.find(
        (c) => c.code === lsp.code && c.message === lsp.message && c.range.start.line === lsp.range.start.line,
      );
      for (const fix of fixesOf(d)) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [shown ?? lsp],
          ...(fix.preferred ? { isPreferred: true } : {}),
          edit: editOf(view, withCursor(view, fix.edits.map((e) => toTextEdit(lines, e)))),
        });
      }
    }
  }
  if (only?.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(o + '.')) || (!only && actions.length)) {
    const edits = fixAll();
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

/**
 * Where a fix's new text leaves a blank to fill in: after the `-- ` of an ignore comment that ends
 * its line, or after a key written with an empty value (`account: ` at the end of a line, or before
 * the next entry of a flow map). The engine writes every placeholder that way; the first one wins.
 */
const BLANKS = [/# inbound-ignore \S+ -- (?=\r|\n|$)/, /(?:^|[\r\n])[ \t]*(?:-[ \t]+)*[A-Za-z][\w-]*: (?=\r|\n|$)/, /[{,][ \t]*[A-Za-z][\w-]*: (?=[,}])/];

export function firstBlank(newText: string): number {
  let at = -1;
  for (const blank of BLANKS) {
    const m = blank.exec(newText);
    if (m && (at < 0 || m.index + m[0].length < at)) at = m.index + m[0].length;
  }
  return at;
}

/**
 * The first edit with a blank becomes a snippet with the cursor there, if the client takes snippets.
 * An editor indents a snippet's later lines by the white space before the place it goes (VS Code
 * does, and LSP gives no way to ask it not to): a snippet of several lines therefore starts at its
 * line's first column, taking along, unchanged, the text before it on that line. The document ends
 * up exactly as with the plain edit.
 */
function withCursor(view: DocumentView, edits: TextEdit[]): (TextEdit | SnippetTextEdit)[] {
  if (!snippetEdits) return edits;
  const i = edits.findIndex((e) => firstBlank(e.newText) >= 0);
  if (i < 0) return edits;
  let { range, newText } = edits[i];
  let at = firstBlank(newText);
  if (range.start.character > 0 && /[\r\n]/.test(newText)) {
    const before = view.text.slice(view.lines.lineStart(range.start.line), view.lines.offsetAt(range.start));
    newText = before + newText;
    at += before.length;
    range = { start: { line: range.start.line, character: 0 }, end: range.end };
  }
  const snippet: SnippetTextEdit = { range, snippet: { kind: 'snippet', value: `${toSnippet(newText.slice(0, at))}$0${toSnippet(newText.slice(at))}` } };
  return edits.map((e, j) => (j === i ? snippet : e));
}

/** Text as snippet syntax reads it literally: `$`, `}` and `\` escaped. */
function toSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/** The text a snippet made by `withCursor` stands for. */
function fromSnippet(value: string): string {
  return value.replace(/\$0|\\([$}\\])/g, (_m, escaped: string | undefined) => escaped ?? '');
}
