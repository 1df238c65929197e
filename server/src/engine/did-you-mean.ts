/** "Did you mean …?" for misspelt keys and values: the closest allowed word, if any is close. */

function normalise(word: string): string {
  return word.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Edit distance counting a swap of two neighbouring letters as one edit ("titel" → "title"), as
 * people type; stops early once it exceeds `max`.
 */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], before[j - 2] + 1);
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length];
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
