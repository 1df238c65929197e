/** What a tool gives back: a few lines for a person to read, and the facts as compact JSON. */
import { unreadSummary } from '../report/words';
import type { ToolScope } from './scope';

export interface ToolAnswer {
  /** A short summary in words, the first line the gist. */
  summary: string;
  /** The facts, JSON-serialisable: what a model reads to answer. */
  data: Record<string, unknown>;
}

/** The summary's lines, each shown; lines beyond `max` are counted instead ("… and 12 more"). */
export function listLines(lines: readonly string[], max: number): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `… and ${lines.length - max} more`];
}

/**
 * What every answer about totals says beside them: files that could not be read (their requirements
 * are in no total) and paths that found nothing.
 */
export function caveats(scope: ToolScope, unread: readonly string[] = []): string[] {
  return [unread.length ? `${unreadSummary(unread)}: their requirements are in no total.` : '', ...(scope.problems ?? []).map((p) => `Inbound ${p}.`), ...(scope.empty ?? []).map((e) => `There are ${e}.`)].filter(Boolean);
}

/** `{ problems }` when there are any: what the JSON says beside the facts. */
export function scopeNotes(scope: ToolScope): Record<string, unknown> {
  return {
    ...(scope.problems?.length ? { problems: scope.problems } : {}),
    ...(scope.empty?.length ? { empty: scope.empty } : {}),
  };
}
