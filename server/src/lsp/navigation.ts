/**
 * Requirement ids across files: go to definition, find references (`depends-on` entries) and rename
 * (every definition and reference, in every file, as one workspace edit).
 */
import { ResponseError, ErrorCodes } from 'vscode-languageserver';
import type { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { wordAt } from '../engine/cursor';
import { idMatcher } from '../engine/requirement-check';
import type { Span } from '../engine';
import { toRange } from './convert';
import { uriOf } from './projects';
import type { DocumentView } from './document-view';

/** The id under the cursor, if it is one the workspace knows (defined or referenced). */
function idAt(view: DocumentView, position: Position): { id: string; span: Span } | undefined {
  if (!view.analysis) return undefined;
  const word = wordAt(view.text, view.lines.offsetAt(position));
  if (!word) return undefined;
  const catalog = view.project.workspace.catalog();
  if (!catalog.definitions.has(word.word) && !catalog.references.has(word.word)) return undefined;
  // Only where the id is written as an id: its own `id:` or an entry of `depends-on`.
  const sites = [...(catalog.definitions.get(word.word) ?? []), ...(catalog.references.get(word.word) ?? [])];
  const here = sites.some((s) => s.file === view.file && s.span.start <= word.span.start && word.span.end <= s.span.end);
  return here ? { id: word.word, span: word.span } : undefined;
}

function location(view: DocumentView, file: string, span: Span): Location | undefined {
  const lines = view.project.workspace.linesOf(file);
  return lines ? { uri: uriOf(file), range: toRange(lines, unquoted(lines.text, span)) } : undefined;
}

/** A quoted id is renamed inside its quotes. */
function unquoted(text: string, span: Span): Span {
  const q = text[span.start];
  if ((q === '"' || q === "'") && text[span.end - 1] === q && span.end - span.start >= 2) return { start: span.start + 1, end: span.end - 1 };
  return span;
}

export function definition(view: DocumentView | undefined, position: Position): Location[] {
  if (!view) return [];
  const at = idAt(view, position);
  if (!at) return [];
  const defs = view.project.workspace.catalog().definitions.get(at.id) ?? [];
  return defs.flatMap((d) => location(view, d.file, d.span) ?? []);
}

export function references(view: DocumentView | undefined, position: Position, includeDeclaration: boolean): Location[] {
  if (!view) return [];
  const at = idAt(view, position);
  if (!at) return [];
  const catalog = view.project.workspace.catalog();
  const sites = [...(includeDeclaration ? (catalog.definitions.get(at.id) ?? []) : []), ...(catalog.references.get(at.id) ?? [])];
  return sites.flatMap((s) => location(view, s.file, s.span) ?? []);
}

export function prepareRename(view: DocumentView | undefined, position: Position): { range: Range; placeholder: string } | null {
  if (!view) return null;
  const at = idAt(view, position);
  if (!at) return null;
  return { range: toRange(view.lines, at.span), placeholder: at.id };
}

export function rename(view: DocumentView | undefined, position: Position, newName: string, _version: (uri: string) => number | null): WorkspaceEdit | null {
  if (!view) return null;
  const at = idAt(view, position);
  if (!at) return null;
  const name = newName.trim();
  const ws = view.project.workspace;
  if (!idMatcher(ws.policy).test(name)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `'${name}' is not a requirement id here: ids match ${ws.policy.idPattern}.`);
  }
  const catalog = ws.catalog();
  if (name !== at.id && catalog.definitions.has(name)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `${name} is already the id of “${catalog.definitions.get(name)![0].requirement.title ?? 'another requirement'}”.`);
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const site of [...(catalog.definitions.get(at.id) ?? []), ...(catalog.references.get(at.id) ?? [])]) {
    const loc = location(view, site.file, site.span);
    if (!loc) continue;
    (changes[loc.uri] ??= []).push({ range: loc.range, newText: name });
  }
  return { changes };
}
