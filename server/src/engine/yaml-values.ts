/**
 * YAML nodes → plain values for schema validation, and schema paths → YAML nodes for ranges.
 * Aliases resolve through the anchor table built in one pass (never `alias.resolve`, which is
 * quadratic), against a budget, so an alias bomb costs its own size and yields a finding.
 */
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import type { TextKeys } from '../../../schemas/primitives';
import type { Finding } from './types';

const NO_MERGE_KEYS: ReadonlySet<unknown> = new Set();

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
    /** The file's merge keys (`<<`): read as nothing, each has a finding of its own. */
    readonly mergeKeys: ReadonlySet<unknown> = NO_MERGE_KEYS,
  ) {}

  /** Whether a block has a merge key: what it would have brought in is not inferred as missing. */
  merges(map: unknown): boolean {
    if (this.mergeKeys.size === 0) return false;
    const m = this.resolve(map as YamlNode);
    return isMap(m) && m.items.some((pair) => this.mergeKeys.has(pair.key));
  }

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
      // A merge key is not a key of the block: it has its own finding, and nothing is merged.
      if (key === '<<' && budget.mergeKeys.has(pair.key)) continue;
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

/**
 * A text field holds the words as written, trimmed: a plain scalar that YAML reads as a number, a
 * boolean or (under `%YAML 1.1`) a timestamp is its source text (`deal: 0042` is the deal 0042,
 * not 42; `date: 2026-10-01` stays that date). Empty stays empty (null); lists and blocks are left
 * as they are, for the schema to refuse. `node` is the value's node (or an alias of it).
 */
export function textValue(value: unknown, node: unknown, budget: AliasBudget): unknown {
  if (typeof value === 'string') return trimmed(value);
  if (!needsSource(value)) return value;
  const scalar = budget.resolve(node as YamlNode);
  return isScalar(scalar) && typeof scalar.source === 'string' ? trimmed(scalar.source) : value;
}

/**
 * `textValue` for the text fields of one block read by `toValue` (changed in place: every read
 * makes its own objects). A look-up per field the schema names (a handful), rather than walking
 * the block's keys; strings cost a look at their ends, and only a value YAML read as something
 * else looks for its node.
 */
export function readTextFields(block: Record<string, unknown>, map: unknown, keys: TextKeys, budget: AliasBudget): void {
  for (const key of keys.text) {
    const value = block[key];
    if (typeof value === 'string') {
      const t = trimmed(value);
      if (t !== value) block[key] = t;
    } else if (needsSource(value)) {
      block[key] = textValue(value, pairOf(map, key, budget)?.value, budget);
    }
  }
  for (const key of keys.lists) {
    const value = block[key];
    if (!Array.isArray(value)) continue;
    for (let i = 0; i < value.length; i++) {
      const entry = value[i] as unknown;
      if (typeof entry === 'string') value[i] = trimmed(entry);
      else if (needsSource(entry)) value[i] = textValue(entry, entryOf(pairOf(map, key, budget)?.value, i, budget), budget);
    }
  }
}

/** Numbers, booleans and timestamps: what YAML made of words that a text field takes as written. */
function needsSource(value: unknown): boolean {
  const t = typeof value;
  return t === 'number' || t === 'boolean' || t === 'bigint' || value instanceof Date;
}

/** Most text has nothing to trim: look at its ends before making a new string. */
function trimmed(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  return first > 32 && first < 127 && last > 32 && last < 127 ? s : s.trim();
}

function entryOf(list: unknown, index: number, budget: AliasBudget): unknown {
  const seq = budget.resolve(list as YamlNode);
  return isSeq(seq) ? seq.items[index] : undefined;
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

/**
 * Follow a schema path to the deepest existing node: the value, the key's pair, and what is missing.
 * `alias`: the first alias on the way (the root included). What lies behind it is written at its
 * anchor, but a finding about this occurrence belongs on the alias, where it is written.
 */
export function nodeAtPath(
  root: YamlNode,
  path: readonly PropertyKey[],
  budget: AliasBudget,
): { node: YamlNode; pair?: Pair<YamlNode, YamlNode>; missing: boolean; alias?: YamlNode } {
  let node = root;
  let pair: Pair<YamlNode, YamlNode> | undefined;
  let alias: YamlNode | undefined = isAlias(root) ? root : undefined;
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
        if (!next) return { node: here, pair: p, missing: false, alias };
      }
    }
    if (!next) return { node: here, pair: undefined, missing: true, alias };
    node = next;
    if (!alias && isAlias(node)) alias = node;
  }
  return { node, pair, missing: false, alias };
}
