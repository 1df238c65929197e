/** Fixes for things written twice: an id used by two requirements, a deal listed twice. */
import { isNode, isSeq } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { changesOnly, readBlock } from './block';
import type { FixProvider } from './fix';
import { onAlias, requirementAt } from './fix';
import { afterBlock, blankLinesAfter, contentEnd, dashColumn, lineEndOf, lineStartOf, nextLineStart, previousLineEnd, silencesNextLine } from './layout';

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
    if (onAlias(analysis, diagnostic.span)) return [];
    const id = analysis.text.slice(diagnostic.span.start, diagnostic.span.end).trim();
    const next = nextFreeId(diagnostic.requirement ?? id, ids);
    if (!next) return [];
    return [{ title: `Use next free id ${next}`, edits: [{ span: diagnostic.span, newText: next }], preferred: true }];
  },
};

/**
 * Deletes the later copy of a deal: its lines, from the dash to the end of its last line, with the
 * line break after them, so no blank line is left behind. What the item before it owns stays as it
 * was: if that one ends in a block scalar that keeps its trailing newlines (`|+`), the copy's own
 * blank lines go with it, so the kept ones are still followed by what followed them.
 */
export const removeDuplicateEvidence: FixProvider = {
  codes: ['duplicate-evidence'],
  auto: true,
  fixes(diagnostic, { analysis }) {
    const text = analysis.text;
    const req = requirementAt(analysis, diagnostic.span.start);
    const block = req && readBlock(text, req.span.start, req.span.end);
    const list = block?.map.get('evidence', true);
    if (!block || !isSeq(list) || list.flow) return [];
    const at = diagnostic.span.start - block.from;
    const index = list.items.findIndex((item) => isNode(item) && !!item.range && item.range[0] <= at && at < item.range[1]);
    const item = list.items[index] as YamlNode | undefined;
    if (index < 1 || !item?.range) return [];
    const itemStart = block.from + item.range[0];
    if (dashColumn(text, itemStart) === undefined) return [];
    const start = lineStartOf(text, itemStart);
    const last = afterBlock(text, block.from + item.range[1]);
    // An ignore comment above the copy would come to speak of the line after it; one on its last
    // line speaks of the line after it, which stays.
    if ((start > 0 && silencesNextLine(text, previousLineEnd(text, start))) || silencesNextLine(text, last)) return [];
    // The copy's lines and the line break after them, so no blank line is left behind; else with
    // the blank lines after them too (the item before may end in a block scalar that keeps its
    // trailing newlines: the blank lines it owns must still be followed by what followed them).
    const blank = blankLinesAfter(text, last);
    const spans: { start: number; end: number }[] = [];
    if (blank.breaks > 0) {
      spans.push({ start, end: nextLineStart(text, last) });
      if (blank.breaks > 1 || blank.toEof) spans.push({ start, end: blank.toEof ? text.length : blank.end });
    } else {
      // The last line of a file without a final line break: the line break before it goes too,
      // so the file ends as cleanly, unless that changes what the item before it ends with.
      const before = lineEndOf(text, contentEnd(text, start));
      if (nextLineStart(text, before) === start) spans.push({ start: before, end: text.length });
      spans.push({ start, end: text.length });
    }
    const edit = spans.map((span) => ({ span, newText: '' })).find((e) => changesOnly(block, [e], { key: 'evidence', removed: index }));
    if (!edit) return [];
    return [{ title: 'Remove duplicate evidence', edits: [edit], preferred: true, auto: true }];
  },
};
