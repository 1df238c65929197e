/**
 * A small seeded random source, so every run of the benchmark generates byte-identical workloads and
 * the same edits: numbers from two runs (or two machines) then describe the same work.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform float in [0, 1) (mulberry32: tiny, fast, and good enough for test data). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the keys, each as likely as its weight. */
  weighted<K extends string | number>(weights: Readonly<Record<K, number>> | readonly (readonly [K, number])[]): K {
    const entries = (Array.isArray(weights) ? weights : Object.entries(weights)) as [K, number][];
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    return entries[entries.length - 1][0];
  }

  /** A few distinct items, in the order drawn. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
    return out;
  }

  /** A derived, independent stream: one per workload, so changing one leaves the others as they were. */
  fork(salt: number): Random {
    return new Random((Math.imul(this.state ^ salt, 0x9e3779b1) + salt) >>> 0);
  }
}

/** Zipf-like weights 1/rank^s: a few names come up all the time, most only once or twice. */
export function longTail(n: number, s = 1.1): number[] {
  return Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s));
}

/** Picks an index from cumulative weights by binary search (the account pool is drawn from a lot). */
export class Cumulative {
  private readonly sums: number[];

  constructor(weights: readonly number[]) {
    let total = 0;
    this.sums = weights.map((w) => (total += w));
  }

  draw(random: Random): number {
    const r = random.next() * this.sums[this.sums.length - 1];
    let lo = 0;
    let hi = this.sums.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sums[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
