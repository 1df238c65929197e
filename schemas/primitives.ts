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
