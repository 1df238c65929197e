/**
 * Quick fixes as data: each one a title and minimal text edits, computed by the pure engine so the
 * language server, the CLI and the tests apply exactly the same change. No fix re-prints a document;
 * each edit touches only the range it names, so comments and formatting elsewhere stay as written.
 */
import type { FileAnalysis } from '../analyze';
import type { Requirement } from '../model';
import type { Diagnostic, TextEdit } from '../types';

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one clearly right fix for its finding (the editor's "preferred" quick fix). */
  preferred?: boolean;
  /**
   * Safe to apply without a person choosing: one right answer, nothing to fill in. "Fix all
   * auto-fixable problems" applies only these.
   */
  auto?: boolean;
}

export interface FixContext {
  analysis: FileAnalysis;
  /** Today, YYYY-MM-DD, from the workspace's clock: the date a new evidence item or waiver gets. */
  today: string;
  /** Every requirement id in the workspace, for "Use next free id". */
  ids: ReadonlySet<string>;
}

/** One kind of fix: which findings it answers, and the fixes for one of them. */
export interface FixProvider {
  codes: readonly Diagnostic['code'][];
  /** It offers fixes that need no decision (`auto`): "fix all" asks only such providers. */
  auto?: boolean;
  fixes(diagnostic: Diagnostic, ctx: FixContext): Fix[];
}

/** The requirement a finding lies in (by position, so it also works for findings without an id). */
export function requirementAt(analysis: FileAnalysis, offset: number): Requirement | undefined {
  for (const req of analysis.model.requirements) {
    if (req.span.start <= offset && offset <= req.span.end) return req;
  }
  return undefined;
}

/**
 * Whether the finding is shown on an alias (`- *req`, `status: *s`): what it is about is written
 * at the anchor, and replacing the alias would break the file or part it from its anchor. Fixes
 * that replace the finding's text offer nothing there.
 */
export function onAlias(analysis: FileAnalysis, span: { start: number }): boolean {
  return analysis.text[span.start] === '*';
}
