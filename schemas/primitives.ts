import * as z from 'zod';

/** Text values are trimmed; an empty required value counts as missing. */
export const nonEmptyText = z.string().trim().min(1);

/** A calendar date written YYYY-MM-DD (quoted or not: YAML 1.2 keeps it a string). */
export const isoDate = z
  .string()
  // One finding per date: a date in the wrong form is not also reported as not a calendar date.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a date written YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, 'a real calendar date');

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real day of the proleptic Gregorian calendar, written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  if (text.length !== 10 || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]);
}

export const STATUSES = ['idea', 'proposed', 'validated', 'roadmap', 'in-progress', 'shipped', 'rejected'] as const;
export type Status = (typeof STATUSES)[number];
export const status = z.enum(STATUSES);

export const DEFAULT_ID_PATTERN = '^[A-Z][A-Z0-9]*-[0-9]+$';

/** The keys of an object schema that hold words, and those that hold lists of words. */
export interface TextKeys {
  text: readonly string[];
  lists: readonly string[];
}

/**
 * Which keys of an object schema take text: a string, an enum of words or a literal word (maybe
 * optional), and which take lists of text. Read from the schema itself, so a field added to it is
 * read as text without a second list to keep in step.
 */
export function textKeys(schema: z.ZodObject): TextKeys {
  const text: string[] = [];
  const lists: string[] = [];
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const inner = unwrapped(field);
    if (isText(inner)) text.push(key);
    else if (inner.def.type === 'array' && isText(unwrapped((inner as z.ZodArray).element as z.ZodType))) lists.push(key);
  }
  return { text, lists };
}

function unwrapped(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s.def.type === 'optional' || s.def.type === 'nullable' || s.def.type === 'default') {
    s = (s as z.ZodOptional).def.innerType as z.ZodType;
  }
  return s;
}

function isText(schema: z.ZodType): boolean {
  const def = schema.def as { type: string; entries?: Record<string, unknown>; values?: unknown[] };
  if (def.type === 'string') return true;
  if (def.type === 'enum') return Object.values(def.entries ?? {}).every((v) => typeof v === 'string');
  if (def.type === 'literal') return (def.values ?? []).every((v) => typeof v === 'string');
  return false;
}
