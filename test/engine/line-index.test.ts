/** Line starts after an edit: re-scanning only the edited stretch must match scanning everything. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { changedRange } from '../../server/src/engine/incremental';
import { LineIndex } from '../../server/src/engine/text';

const piece = fc.oneof(fc.constantFrom('\n', '\r', '\r\n', 'a', 'bc', ' '), fc.string({ maxLength: 4 }));
const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));

function lines(index: LineIndex): string[] {
  return Array.from({ length: index.lineCount }, (_, i) => `${index.lineStart(i)}:${index.lineText(i)}`);
}

describe('LineIndex.edited', () => {
  it('equals a fresh index for any edit, CR, LF and CRLF alike', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat({ max: 6 }), fc.array(piece, { maxLength: 4 }), (old, at, remove, insert) => {
        const start = at % (old.length + 1);
        const next = old.slice(0, start) + insert.join('') + old.slice(start + remove);
        const range = changedRange(old, next);
        assert.deepEqual(lines(new LineIndex(old).edited(next, range.start, range.oldEnd)), lines(new LineIndex(next)));
      }),
      { numRuns: 5000, seed: 7 },
    );
  });

  it('finds the changed stretch of long texts block by block', () => {
    const old = 'x'.repeat(10_000) + 'abc' + 'y'.repeat(10_000);
    assert.deepEqual(changedRange(old, old.replace('abc', 'aXc')), { start: 10_001, oldEnd: 10_002 });
    assert.deepEqual(changedRange(old, old), { start: old.length, oldEnd: old.length });
    assert.deepEqual(changedRange(old, old + 'z'), { start: old.length, oldEnd: old.length });
  });
});
