/** Every quick fix, and "fix all": the fixes that need no decision, applied together. */
import type { Workspace } from '../workspace';
import type { Diagnostic, TextEdit } from '../types';
import { addMarketEvidence } from './add-market-evidence';
import { removeDuplicateEvidence, useNextFreeId } from './duplicates';
import type { Fix, FixContext, FixProvider } from './fix';
import { recordWaiver, stepBack } from './roadmap-gate';
import { addMissingKey, changeToSuggestion } from './schema';
import { silenceWithReason } from './silence';

export type { Fix } from './fix';
export { nextFreeId } from './duplicates';
export { applyEdits } from './apply';

/** In the order the editor lists them: the way forward first. */
const PROVIDERS: readonly FixProvider[] = [
  addMarketEvidence,
  stepBack,
  recordWaiver,
  changeToSuggestion,
  addMissingKey,
  useNextFreeId,
  removeDuplicateEvidence,
  // Last: a decision not to act, for when none of the ways forward fits.
  silenceWithReason,
];

function context(workspace: Workspace, file: string): FixContext | undefined {
  const analysis = workspace.get(file);
  if (!analysis) return undefined;
  return { analysis, today: workspace.today, ids: workspace.requirementIds() };
}

/** The quick fixes for one diagnostic of a requirement file (none for the config file). */
export function fixesFor(workspace: Workspace, file: string, diagnostic: Diagnostic): Fix[] {
  const ctx = context(workspace, file);
  if (!ctx) return [];
  return PROVIDERS.filter((p) => p.codes.includes(diagnostic.code)).flatMap((p) => p.fixes(diagnostic, ctx));
}

/** The edits of every auto-fixable problem in the file, none overlapping, in text order. */
export function fixAllEdits(workspace: Workspace, file: string): TextEdit[] {
  const ctx = context(workspace, file);
  if (!ctx) return [];
  const edits: TextEdit[] = [];
  for (const d of workspace.diagnostics(file).diagnostics) {
    for (const p of PROVIDERS) {
      // The others read and check a whole requirement for a fix that fix all would not take.
      if (!p.auto || !p.codes.includes(d.code)) continue;
      const fix = p.fixes(d, ctx).find((f) => f.auto);
      for (const e of fix?.edits ?? []) edits.push(e);
    }
  }
  edits.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  // Two fixes touching the same text: keep the first, the next run of fix-all takes the other.
  const kept: TextEdit[] = [];
  for (const e of edits) {
    const last = kept[kept.length - 1];
    if (last && e.span.start < last.span.end) continue;
    if (last && e.span.start === last.span.end && e.span.start === e.span.end && last.span.start === last.span.end) continue;
    kept.push(e);
  }
  return kept;
}
