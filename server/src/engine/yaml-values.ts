/**
 * YAML nodes → plain values for schema validation, and schema paths → YAML nodes for ranges.
 * Aliases resolve through the anchor table built in one pass (never `alias.resolve`, which is
 * quadratic), against a budget, so an alias bomb costs its own size and yields a finding.
 */
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import type { Finding } from './types';

export class AliasBudget {
  private used = 0;
  /** The first alias that went over the budget, reported once per file. */
  exceededAt?: YamlNode;
  /** Aliases naming no anchor above them, each reported once. */
  readonly unresolved = new Set<YamlNode>();
  /** The alias written in the requirement being read: a bomb is reported there, not deep inside it. */
  private outer?: YamlNode;
  private aliasDepth = 0;
  constructor(
    private readonly anchors: Map<string, YamlNode[]>,
    private readonly limit: number,
  ) {}

  /** The node an alias stands for: the latest anchor of that name defined before it. */
  resolve(alias: YamlNode): YamlNode | undefined {
    if (!isAlias(alias)) return alias;
    const candidates = this.anchors.get(alias.source);
    if (!candidates) return undefined;
    const at = alias.range?.[0] ?? Infinity;
    let found: YamlNode | undefined;
    for (const c of candidates) if ((c.range?.[0] ?? 0) < at) found = c;
    return found;
  }

  /** Count `n` nodes produced; false once the budget is spent. */
  spend(n: number, at: YamlNode): boolean {
    this.used += n;
    if (this.used > this.limit) {
      this.exceededAt ??= this.outer ?? at;
      return false;
    }
    return true;
  }

  /** Follow an alias while reading a value; `leave` when done, so nesting is tracked. */
  enter(alias: YamlNode): void {
    if (this.aliasDepth++ === 0) this.outer = alias;
  }

  leave(): void {
    if (--this.aliasDepth === 0) this.outer = undefined;
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    for (const alias of this.unresolved) {
      if (!alias.range || !isAlias(alias)) continue;
      out.push({
        code: 'yaml-syntax',
        message: `The alias *${alias.source} names no anchor: define &${alias.source} above it, or write the value out.`,
        span: { start: alias.range[0], end: alias.range[1] },
      });
    }
    const at = this.exceededAt;
    if (at?.range) {
      out.push({
        code: 'yaml-syntax',
        message: 'Aliases here expand far beyond the size of the file (an alias bomb?). Write the values out instead.',
        span: { start: at.range[0], end: at.range[1] },
      });
    }
    return out;
  }
}

/** Depth beyond which a value is not read: requirement files are a few levels deep. */
const MAX_VALUE_DEPTH = 64;

/** Marker for a value that could not be read (unknown alias, over budget, too deep). */
export const UNREADABLE = Symbol('unreadable');

export function toValue(node: unknown, budget: AliasBudget, depth = 0): unknown {
  if (node === null || node === undefined) return null;
  const n = node as YamlNode;
  if (isAlias(n)) {
    const target = budget.resolve(n);
    if (!target) {
      budget.unresolved.add(n);
      return UNREADABLE;
    }
    budget.enter(n);
    try {
      return budget.spend(1, n) ? readNode(target, budget, depth) : UNREADABLE;
    } finally {
      budget.leave();
    }
  }
  return readNode(n, budget, depth);
}

function readNode(n: YamlNode, budget: AliasBudget, depth: number): unknown {
  if (depth > MAX_VALUE_DEPTH) return UNREADABLE;
  if (isScalar(n)) return n.value;
  if (isMap(n)) {
    if (!budget.spend(n.items.length, n)) return UNREADABLE;
    // A null-prototype object: `__proto__`, `constructor` and `prototype` stay ordinary keys.
    const out: Record<string, unknown> = Object.create(null);
    for (const pair of n.items) {
      const key = keyText(pair);
      // A key written twice (a yaml-syntax finding of its own): the first one counts, as it does
      // for `pairOf`, so a value and the node it is reported on always belong together.
      if (key === undefined || Object.prototype.hasOwnProperty.call(out, key)) continue;
      // On an object without a prototype, `__proto__` is an ordinary key: plain assignment is safe.
      out[key] = toValue(pair.value, budget, depth + 1);
    }
    return out;
  }
  if (isSeq(n)) {
    if (!budget.spend(n.items.length, n)) return UNREADABLE;
    return n.items.map((item) => toValue(item, budget, depth + 1));
  }
  return null;
}

/**
 * A value read from YAML as text for a message, or `undefined` when it is not one value (a list, a
 * block of keys, an unreadable alias). Blocks read from YAML have no prototype (see readNode), so
 * `String()` throws on them instead of printing them.
 */
export function scalarText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return '';
    default:
      return value === null ? 'null' : undefined;
  }
}

/** What a value that is not one word is, for "…, not a list". */
export function valueKind(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (value && typeof value === 'object') return 'a block of keys';
  return 'a value that cannot be read';
}

/** The text of a plain key; `undefined` for complex keys (a mapping or list used as a key). */
export function keyText(pair: Pair): string | undefined {
  const k = pair.key as unknown;
  if (k === null || k === undefined) return '';
  if (isScalar(k)) return String(k.value);
  return undefined;
}

/** The pair with this key in a mapping node (aliases followed). */
export function pairOf(map: unknown, key: string, budget?: AliasBudget): Pair<YamlNode, YamlNode> | undefined {
  const m = budget ? budget.resolve(map as YamlNode) : (map as YamlNode);
  if (!isMap(m)) return undefined;
  for (const item of m.items) if (isPair(item) && keyText(item) === key) return item as Pair<YamlNode, YamlNode>;
  return undefined;
}

/** Follow a schema path to the deepest existing node: the value, the key's pair, and what is missing. */
export function nodeAtPath(
  root: YamlNode,
  path: readonly PropertyKey[],
  budget: AliasBudget,
): { node: YamlNode; pair?: Pair<YamlNode, YamlNode>; missing: boolean } {
  let node = root;
  let pair: Pair<YamlNode, YamlNode> | undefined;
  for (const step of path) {
    const here = budget.resolve(node) ?? node;
    let next: YamlNode | undefined;
    if (typeof step === 'number' && isSeq(here)) {
      next = here.items[step] as YamlNode | undefined;
      pair = undefined;
    } else if (isMap(here)) {
      const p = pairOf(here, String(step));
      if (p) {
        pair = p;
        next = (p.value ?? undefined) as YamlNode | undefined;
        if (!next) return { node: here, pair: p, missing: false };
      }
    }
    if (!next) return { node: here, pair: undefined, missing: true };
    node = next;
  }
  return { node, pair, missing: false };
}
