/** Applies text edits to a text, as an editor does: for tests, the CLI and the fuzzer alike. */
import type { TextEdit } from '../types';

/** Edits must not overlap; they are applied from the end so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.span.start < 0 || e.span.end > text.length || e.span.start > e.span.end || e.span.end > limit) {
      throw new RangeError(`edit ${e.span.start}..${e.span.end} is outside the text or overlaps another`);
    }
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
    limit = e.span.start;
  }
  return out;
}
