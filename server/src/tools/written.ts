/**
 * A requirement's evidence items as written: every field of each item (notes, people, sources too,
 * which the engine's model does not keep), read with the engine's own parser and value reader, so
 * a text field is the words as written (`deal: 0042` is the deal 0042) and aliases are followed
 * within the file's budget, as the engine follows them.
 */
import { EVIDENCE_TEXT, isEvidenceKind } from '../../../schemas/evidence';
import type { Node as YamlNode } from 'yaml';
import { AliasBudget, nodeAtPath, readTextFields, toValue, UNREADABLE } from '../engine/yaml-values';
import { parseYaml } from '../engine/yaml-document';

/** One evidence item's fields, keys in the order written; undefined for an item that is not a block of keys. */
export type WrittenItem = Record<string, string | number | boolean> | undefined;

/** The evidence items of the requirement at `index` of the file's `requirements` list, in order. */
export function writtenEvidence(text: string, index: number): WrittenItem[] | undefined {
  const parsed = parseYaml(text);
  const root = parsed.doc?.contents as YamlNode | null | undefined;
  if (!parsed.doc || parsed.doc.errors.length || !root) return undefined;
  const budget = new AliasBudget(parsed.anchors, 1000 + text.length);
  const list = nodeAtPath(root, ['requirements', index, 'evidence'], budget);
  if (list.missing) return [];
  const items = toValue(list.node, budget);
  if (!Array.isArray(items)) return [];
  return items.map((item: unknown, i) => {
    if (item === UNREADABLE || item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
    const fields = item as Record<string, unknown>;
    if (isEvidenceKind(fields.kind)) {
      const node = nodeAtPath(root, ['requirements', index, 'evidence', i], budget);
      if (!node.missing) readTextFields(fields, node.node, EVIDENCE_TEXT[fields.kind], budget);
    }
    const out: Record<string, string | number | boolean> = {};
    for (const [key, value] of Object.entries(fields)) {
      // A key an object would take for its prototype is a schema finding of the file, not a field to show.
      if (key === '__proto__') continue;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = typeof value === 'string' ? value.trim() : value;
    }
    return out;
  });
}
