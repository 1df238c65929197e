/**
 * Evidence items compared across the two sides. An item is the same item when its kind, account
 * (compared as the rules compare accounts: case and extra spaces ignored), deal (case ignored, as the
 * duplicate-evidence rule does), amount, currency, stage and date are the same; its independence is
 * not part of what it is — that follows from the requirement's other evidence, and a change of it is
 * told apart (`reclassified`).
 */
import type { EvidenceItem } from '../report/types';

export function itemKey(e: EvidenceItem): string {
  return [
    e.kind,
    e.account === undefined ? '' : e.account.trim().replace(/\s+/g, ' ').toLowerCase(),
    e.deal === undefined ? '' : e.deal.toLowerCase(),
    e.amount === undefined ? '' : String(e.amount),
    e.currency === undefined ? '' : e.currency.toUpperCase(),
    e.stage ?? '',
    e.date,
  ].join('\u0000');
}

/** The items as a multiset: the same interview written twice is two items. */
function byKey(items: readonly EvidenceItem[]): Map<string, EvidenceItem[]> {
  const out = new Map<string, EvidenceItem[]>();
  for (const e of items) {
    const key = itemKey(e);
    const list = out.get(key);
    if (list) list.push(e);
    else out.set(key, [e]);
  }
  return out;
}

export interface ItemChanges {
  added: EvidenceItem[];
  removed: EvidenceItem[];
  reclassified: EvidenceItem[];
}

/** Added and removed in the order written (head's order for added, the base's for removed). */
export function compareItems(base: readonly EvidenceItem[], head: readonly EvidenceItem[]): ItemChanges {
  const before = byKey(base);
  const after = byKey(head);
  const added: EvidenceItem[] = [];
  const removed: EvidenceItem[] = [];
  const reclassified: EvidenceItem[] = [];
  const used = new Map<string, number>();
  for (const e of head) {
    const key = itemKey(e);
    const n = used.get(key) ?? 0;
    used.set(key, n + 1);
    const was = before.get(key)?.[n];
    if (!was) added.push(e);
    else if (e.class === 'market' && was.independent !== e.independent) reclassified.push(e);
  }
  const kept = new Map<string, number>();
  for (const e of base) {
    const key = itemKey(e);
    const n = kept.get(key) ?? 0;
    kept.set(key, n + 1);
    if (n >= (after.get(key)?.length ?? 0)) removed.push(e);
  }
  return { added, removed, reclassified };
}

/**
 * What a requirement *is*, for telling a renamed id from a removal and an addition: its title and
 * its complete evidence, item by item (order ignored). Undefined without a title: an untitled
 * requirement is too little to recognise.
 */
export function contentSignature(title: string | undefined, items: readonly EvidenceItem[]): string | undefined {
  const t = title?.trim();
  if (!t) return undefined;
  return [t, ...items.map(itemKey).sort()].join('\u0001');
}

export function sameItems(a: readonly EvidenceItem[], b: readonly EvidenceItem[]): boolean {
  if (a.length !== b.length) return false;
  const { added, removed, reclassified } = compareItems(a, b);
  return added.length === 0 && removed.length === 0 && reclassified.length === 0;
}
