/** The edit distance behind "did you mean": the working version reuses its rows; a plain one says what it must return. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { closest, distance } from '../../server/src/engine/did-you-mean';

/** Restricted Damerau–Levenshtein (a swap of neighbours is one edit), written out in full. */
function reference(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', '1', '2'), maxLength: 12 });

describe('did-you-mean distance', () => {
  it('is the full distance when within the bound, and more than the bound otherwise', () => {
    fc.assert(
      fc.property(word, word, fc.nat({ max: 5 }), (a, b, max) => {
        const full = reference(a, b);
        const got = distance(a, b, max);
        if (full <= max) assert.equal(got, full);
        else assert.ok(got > max, `${a} ~ ${b}: ${got} within ${max}, but the distance is ${full}`);
      }),
      { numRuns: 20_000, seed: 11 },
    );
  });

  it('works for words longer than any before, and shorter again after', () => {
    const long = 'x'.repeat(200);
    assert.equal(distance(long, `${long.slice(0, 100)}yx${long.slice(102)}`, 5), 1);
    assert.equal(distance('titel', 'title', 2), 1);
  });

  it('suggests as people type', () => {
    assert.equal(closest('titel', ['title', 'status', 'owner']), 'title');
    assert.equal(closest('CHK-1243', ['CHK-1234', 'CHK-9999']), 'CHK-1234');
    assert.equal(closest('zzzz', ['title', 'status']), undefined);
  });
});
