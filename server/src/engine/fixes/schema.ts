/** Fixes for the shape of a file: a misspelt key or value, and a key that is missing. */
import type { Fix, FixProvider } from './fix';
import { linesAfter, readBlock } from './block';
import { columnOf } from './layout';

/** "Change to 'title'": the did-you-mean of an unknown key, a value not allowed, an id's case. */
export const changeToSuggestion: FixProvider = {
  codes: ['schema'],
  auto: true,
  fixes(diagnostic, { analysis }) {
    const replacement = diagnostic.data?.replacement;
    if (typeof replacement !== 'string') return [];
    const at = (diagnostic.data?.replaceSpan as { start: number; end: number } | undefined) ?? diagnostic.span;
    const was = analysis.text.slice(at.start, at.end);
    // A quoted value keeps its quotes.
    const quote = /^(["']).*\1$/s.exec(was)?.[1];
    const newText = quote ? `${quote}${replacement}${quote}` : replacement;
    return [{ title: `Change to '${replacement}'`, edits: [{ span: at, newText }], preferred: true, auto: true }];
  },
};

/** What a newly added key starts with: the few with an obvious value get it, the rest stay blank. */
function startValue(key: string, today: string): string {
  if (key === 'status') return 'idea';
  if (key === 'date') return today;
  return '';
}

export const addMissingKey: FixProvider = {
  codes: ['schema'],
  fixes(diagnostic, { analysis, today }) {
    const key = diagnostic.data?.missingKey;
    const end = diagnostic.data?.blockEnd;
    if (typeof key !== 'string' || typeof end !== 'number' || key === 'kind') return [];
    const text = analysis.text;
    // The block's first key is where the finding starts; new keys line up with it. A block
    // written as a flow map (`{…}`) has no line to add: no fix.
    const block = readBlock(text, diagnostic.span.start, end);
    if (!block) return [];
    const pad = ' '.repeat(columnOf(text, diagnostic.span.start));
    const edit = linesAfter(block, block.map, [`${pad}${key}: ${startValue(key, today)}`], { key, added: true });
    if (!edit) return [];
    const fix: Fix = { title: `Add missing key '${key}'`, edits: [edit] };
    return [fix];
  },
};
