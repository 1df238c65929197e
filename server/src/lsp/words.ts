/** How the editor explains the file format's words to a product manager (hover, completion). */
import { EVIDENCE_KINDS, evidenceKeys } from '../../../schemas/evidence';
import type { EvidenceKind } from '../../../schemas/evidence';
import type { Status } from '../../../schemas/primitives';

export const STATUS_MEANING: Record<Status, string> = {
  idea: 'Someone had the idea; nothing is asked of its evidence yet.',
  proposed: 'Put forward for discussion: it needs evidence of who has the problem.',
  validated: 'The problem is confirmed by evidence, but it is not planned.',
  roadmap: 'Planned: it must pass the roadmap gate (market evidence, or an approved waiver).',
  'in-progress': 'Being built: it must pass the roadmap gate, like a roadmap item.',
  shipped: 'Delivered. Its evidence is history; the evidence rules no longer judge it.',
  rejected: 'Decided against. Its evidence is history; the evidence rules no longer judge it.',
};

/** A kind's meaning, whether it is sales or market evidence, and the fields of its own it takes. */
export function describeKind(kind: EvidenceKind): string {
  const spec = EVIDENCE_KINDS[kind];
  const own = new Set(Object.keys(spec.fields));
  const keys = evidenceKeys(kind).filter((k) => own.has(k.key));
  const required = keys.filter((k) => k.required).map((k) => `\`${k.key}\``);
  const optional = keys.filter((k) => !k.required).map((k) => `\`${k.key}\``);
  const cls =
    spec.class === 'sales'
      ? '**Sales evidence**: one prospect or customer, in a sales conversation. It does not open the roadmap gate.'
      : '**Market evidence**: from the market as a whole, outside a deal. It counts for the roadmap gate.';
  const needs = [required.length ? `Needs ${required.join(', ')}` : '', optional.length ? `may have ${optional.join(', ')}` : '']
    .filter(Boolean)
    .join('; ');
  return [`**${kind}** — ${spec.meaning}`, cls, `${needs}. Like every evidence item it has a \`date\`, and may have a \`note\` and a \`link\`.`].join('\n\n');
}
