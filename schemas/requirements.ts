/**
 * The shape of a requirement file (`*.req.yaml`). The engine validates each requirement item on its
 * own with `requirementSchema` (so one broken item never hides the others); the JSON Schema for other
 * editors is generated from `requirementFileSchema`.
 */
import * as z from 'zod';
import { evidenceItemSchema } from './evidence';
import { DEFAULT_ID_PATTERN, isoDate, nonEmptyText, status, textKeys } from './primitives';

export const waiverSchema = z.strictObject({
  reason: nonEmptyText,
  'approved-by': nonEmptyText,
  date: isoDate.optional(),
});

/** Evidence items are checked one by one against their kind (see evidence.ts), hence `unknown` here. */
function requirement(evidenceItem: z.ZodType, id: z.ZodType) {
  return z.strictObject({
    id,
    title: nonEmptyText,
    status,
    owner: nonEmptyText.optional(),
    problem: nonEmptyText.optional(),
    segments: z.array(nonEmptyText).optional(),
    'depends-on': z.array(nonEmptyText).optional(),
    evidence: z.array(evidenceItem).nullable().optional(),
    waiver: waiverSchema.optional(),
  });
}

export const requirementSchema = requirement(z.unknown(), nonEmptyText);

export const REQUIREMENT_KEYS = Object.keys(requirementSchema.shape);
export const WAIVER_KEYS = Object.keys(waiverSchema.shape);
/** Fields that take text: the engine reads any plain scalar written there as its words. */
export const REQUIREMENT_TEXT = textKeys(requirementSchema);
export const WAIVER_TEXT = textKeys(waiverSchema);
export const FILE_KEYS = ['area', 'requirements'];

export const requirementFileSchema = z
  .strictObject({
    area: nonEmptyText.optional(),
    requirements: z
      .array(requirement(evidenceItemSchema, nonEmptyText.regex(new RegExp(DEFAULT_ID_PATTERN))))
      .nullable()
      .optional(),
  })
  .meta({ title: 'Inbound requirement file', description: 'One product area: its requirements and their evidence.' });
