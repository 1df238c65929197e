/** The one clock for "today": every date rule reads it, tests and `--today` set it. */
import { isCalendarDate } from '../../../schemas/primitives';

export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function isIsoDate(text: string): boolean {
  return isCalendarDate(text);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayStart(to) - dayStart(from)) / 86_400_000);
}

/**
 * Each date parsed once: the date rules ask for today and every evidence date on every check, and
 * a workspace holds few distinct dates (parsing them was 2% of a check of 10,000 requirements).
 */
const parsed = new Map<string, number>();

function dayStart(date: string): number {
  let t = parsed.get(date);
  if (t === undefined) {
    // Bounded: a workspace being typed in passes through many half-written dates.
    if (parsed.size >= 10_000) parsed.clear();
    t = Date.parse(date + 'T00:00:00Z');
    parsed.set(date, t);
  }
  return t;
}
