/**
 * The evidence kinds of a requirement: what each one is, whether it comes from one sales
 * conversation ("sales") or from the market as a whole ("market"), and its shape.
 * One table, read by the validator, the rules, hover and completion alike.
 */
import * as z from 'zod';
import { isoDate, nonEmptyText, textKeys } from './primitives';
import type { TextKeys } from './primitives';

export type EvidenceClass = 'sales' | 'market';

const common = {
  kind: z.string(),
  date: isoDate,
  note: nonEmptyText.optional(),
  // The scheme compares case-insensitively (HTTPS://… is a web address); JSON Schema patterns
  // have no flags, so the letters say it themselves.
  link: z.string().trim().regex(/^[hH][tT][tT][pP][sS]?:\/\/\S+$/, 'an http(s) URL').optional(),
  account: nonEmptyText.optional(),
};
const count = z.number().int().min(1);

interface KindSpec {
  class: EvidenceClass;
  /** One sentence for hover: what this evidence is. */
  meaning: string;
  fields: Record<string, z.ZodType>;
}

export const EVIDENCE_KINDS = {
  'sales-deal': {
    class: 'sales',
    meaning: 'A prospect or customer asked for it in a sales deal. One voice, with money attached.',
    fields: {
      account: nonEmptyText,
      deal: nonEmptyText,
      amount: z.number().min(0).optional(),
      currency: nonEmptyText.optional(),
      stage: z.enum(['open', 'won', 'lost']).optional(),
    },
  },
  rfp: {
    class: 'sales',
    meaning: "A request for proposal listed it. One buyer's checklist, written for one purchase.",
    fields: { account: nonEmptyText },
  },
  interview: {
    class: 'market',
    meaning: 'A conversation with a customer or prospect outside a deal, about their problem.',
    fields: { account: nonEmptyText, person: nonEmptyText.optional() },
  },
  'support-tickets': {
    class: 'market',
    meaning: 'Support tickets from many customers point at the same problem.',
    fields: { count, query: nonEmptyText.optional() },
  },
  metric: {
    class: 'market',
    meaning: 'A usage or business metric shows the problem or the opportunity.',
    fields: { metric: nonEmptyText, value: z.number().optional(), baseline: z.number().optional() },
  },
  survey: {
    class: 'market',
    meaning: 'A survey of many respondents in a segment.',
    fields: { respondents: count, segment: nonEmptyText.optional() },
  },
  research: {
    class: 'market',
    meaning: 'Market research: a study, a report, a data set about the market as a whole.',
    fields: { source: nonEmptyText },
  },
  analyst: {
    class: 'market',
    meaning: 'An industry analyst (a Gartner or Forrester note, a briefing) describes the need.',
    fields: { source: nonEmptyText },
  },
  competitor: {
    class: 'market',
    meaning: 'A competitor offers it, and the market compares us with them.',
    fields: { competitor: nonEmptyText },
  },
  'win-loss': {
    class: 'market',
    meaning: 'A win/loss review of a deal after it closed: why we won or lost, told by the buyer.',
    fields: { account: nonEmptyText, outcome: z.enum(['won', 'lost']).optional() },
  },
  community: {
    class: 'market',
    meaning: 'Forums, user groups or public feedback boards ask for it.',
    fields: { source: nonEmptyText },
  },
  'usability-test': {
    class: 'market',
    meaning: 'People were watched using the product and struggled with the problem.',
    fields: { participants: count },
  },
} as const satisfies Record<string, KindSpec>;

export type EvidenceKind = keyof typeof EVIDENCE_KINDS;
export const EVIDENCE_KIND_NAMES = Object.keys(EVIDENCE_KINDS) as EvidenceKind[];

export function isEvidenceKind(value: unknown): value is EvidenceKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVIDENCE_KINDS, value);
}

/** The strict shape of one evidence item of a known kind. */
export const evidenceItemSchemas = Object.fromEntries(
  EVIDENCE_KIND_NAMES.map((kind) => [
    kind,
    z.strictObject({ ...common, kind: z.literal(kind), ...EVIDENCE_KINDS[kind].fields }),
  ]),
) as unknown as Record<EvidenceKind, z.ZodObject>;

/** Fields of each kind that take text: the engine reads any plain scalar written there as its words. */
export const EVIDENCE_TEXT = Object.fromEntries(EVIDENCE_KIND_NAMES.map((kind) => [kind, textKeys(evidenceItemSchemas[kind])])) as Record<
  EvidenceKind,
  TextKeys
>;

/** Keys an evidence item of this kind may have, required ones first (completion, did-you-mean). */
export function evidenceKeys(kind: EvidenceKind): { key: string; required: boolean }[] {
  const shape = evidenceItemSchemas[kind].shape as Record<string, z.ZodType>;
  return Object.entries(shape)
    .map(([key, schema]) => ({ key, required: !schema.safeParse(undefined).success }))
    .sort((a, b) => Number(b.required) - Number(a.required));
}

/** For the JSON Schema: every kind in one discriminated union. */
export const evidenceItemSchema = z.discriminatedUnion(
  'kind',
  EVIDENCE_KIND_NAMES.map((k) => evidenceItemSchemas[k]) as unknown as [z.ZodObject, ...z.ZodObject[]],
);
