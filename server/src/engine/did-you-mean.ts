/** "Did you mean …?" for misspelt keys and values: the closest allowed word, if any is close. */

function normalise(word: string): string {
  return word.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The rows `distance` works in, grown for longer words. */
let rows = new Int32Array(3 * 65);

/**
 * Edit distance counting a swap of two neighbouring letters as one edit ("titel" → "title"), as
 * people type; stops early once it exceeds `max`.
 */
export function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rows reused from call to call: an unknown id is compared with hundreds of ids, and rows
  // made afresh for each comparison were most of what that cost.
  if (rows.length < 3 * (b.length + 1)) rows = new Int32Array(3 * (b.length + 1) * 2);
  const width = b.length + 1;
  let before = 0;
  let prev = width;
  let cur = 2 * width;
  for (let j = 0; j <= b.length; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[cur] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(rows[prev + j] + 1, rows[cur + j - 1] + 1, rows[prev + j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, rows[before + j - 2] + 1);
      rows[cur + j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    const spare = before;
    before = prev;
    prev = cur;
    cur = spare;
  }
  return rows[prev + b.length];
}

/**
 * Candidates asked about again and again (a workspace's ids, for every unknown reference): each
 * one's comparable forms worked out once, not once per question.
 */
export class Candidates {
  readonly normal: string[];
  readonly lower: string[];
  constructor(readonly words: readonly string[]) {
    this.normal = words.map(normalise);
    this.lower = words.map((w) => w.toLowerCase());
  }
}

/** `skip`: candidates that are no answer here, however close. */
export function closest(word: string, candidates: readonly string[] | Candidates, skip?: (candidate: string) => boolean): string | undefined {
  if (word.length > 64) return undefined;
  const w = normalise(word);
  const lower = word.toLowerCase();
  const words = candidates instanceof Candidates ? candidates.words : candidates;
  const known = candidates instanceof Candidates ? candidates : undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (let i = 0; i < words.length; i++) {
    const c = words[i];
    if (c === word || skip?.(c)) continue;
    const nc = known ? known.normal[i] : normalise(c);
    if (nc === w) return c; // dependsOn, depends_on, Depends-On → depends-on
    const max = Math.max(1, Math.floor(c.length / 3));
    const d = distance(lower, known ? known.lower[i] : c.toLowerCase(), max);
    if (d <= max && d < bestDistance) {
      best = c;
      bestDistance = d;
      continue;
    }
    // The start of a longer word, maybe misspelt: warn → warning, aproved → approved-by.
    if (w.length >= 3 && bestDistance > 1.5) {
      const head = nc.startsWith(w) ? 0 : w.length >= 5 ? distance(w, nc.slice(0, w.length + 1), 1) : 2;
      const headShorter = w.length >= 5 ? distance(w, nc.slice(0, w.length), 1) : 2;
      if (Math.min(head, headShorter) <= 1) {
        best = c;
        bestDistance = 1.5;
      }
    }
  }
  return best;
}
