/** Fixes for things written twice: an id used by two requirements, a deal listed twice. */
import type { FixProvider } from './fix';
import { requirementAt } from './fix';
import { afterBlock, dashColumn, eolOf, lineStartOf } from './layout';

/**
 * The next id with the same prefix that no requirement uses: one above the highest number in use
 * (CHK-106 → CHK-107), keeping zero padding (ONB-009 → ONB-010).
 */
export function nextFreeId(id: string, ids: ReadonlySet<string>): string | undefined {
  const m = /^(.*?)(\d+)$/.exec(id);
  if (!m) return undefined;
  const [, prefix, digits] = m;
  let highest = 0;
  for (const other of ids) {
    if (!other.startsWith(prefix)) continue;
    const rest = other.slice(prefix.length);
    if (/^\d+$/.test(rest)) highest = Math.max(highest, Number(rest));
  }
  for (let n = highest + 1; ; n++) {
    const candidate = prefix + String(n).padStart(digits.length, '0');
    if (!ids.has(candidate)) return candidate;
  }
}

export const useNextFreeId: FixProvider = {
  codes: ['duplicate-id'],
  fixes(diagnostic, { analysis, ids }) {
    const id = analysis.text.slice(diagnostic.span.start, diagnostic.span.end).trim();
    const next = nextFreeId(diagnostic.requirement ?? id, ids);
    if (!next) return [];
    return [{ title: `Use next free id ${next}`, edits: [{ span: diagnostic.span, newText: next }], preferred: true }];
  },
};

/** Deletes the later copy of a deal: its lines, from the dash to the end of its last line. */
export const removeDuplicateEvidence: FixProvider = {
  codes: ['duplicate-evidence'],
  fixes(diagnostic, { analysis }) {
    const text = analysis.text;
    const req = requirementAt(analysis, diagnostic.span.start);
    const item = req?.evidence.find((e) => e.span.start <= diagnostic.span.start && diagnostic.span.end <= e.span.end);
    if (!item || dashColumn(text, item.span.start) === undefined) return [];
    const start = lineStartOf(text, item.span.start);
    let end = afterBlock(text, item.span.end);
    // Take the line break too, so no blank line is left behind.
    if (text.startsWith(eolOf(text), end)) end += eolOf(text).length;
    else if (text[end] === '\n' || text[end] === '\r') end += 1;
    else if (start > 0) {
      // The last line of the file: remove the line break before it instead.
      const before = text[start - 1] === '\n' && text[start - 2] === '\r' ? 2 : 1;
      return [{ title: 'Remove duplicate evidence', edits: [{ span: { start: start - before, end }, newText: '' }], preferred: true, auto: true }];
    }
    return [{ title: 'Remove duplicate evidence', edits: [{ span: { start, end }, newText: '' }], preferred: true, auto: true }];
  },
};
