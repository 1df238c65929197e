import { z } from 'zod';

/** Text values are trimmed; an empty required value counts as missing. */
export const nonEmptyText = z.string().trim().min(1);

/** A calendar date written YYYY-MM-DD (quoted or not: YAML 1.2 keeps it a string). */
export const isoDate = z
  .string()
  // One finding per date: a date in the wrong form is not also reported as not a calendar date.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a date written YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, 'a real calendar date');

export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const STATUSES = ['idea', 'proposed', 'validated', 'roadmap', 'in-progress', 'shipped', 'rejected'] as const;
export type Status = (typeof STATUSES)[number];
export const status = z.enum(STATUSES);

export const DEFAULT_ID_PATTERN = '^[A-Z][A-Z0-9]*-[0-9]+$';
