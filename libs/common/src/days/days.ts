/**
 * A UTC calendar day, `YYYY-MM-DD`: how dates without a time of day are stored (PostgreSQL `date`)
 * and passed around (pilot dates, rollup days, dashboard periods). Days compare as strings.
 */
export type Day = string;

export const DAY_MS = 86_400_000;

/** The UTC day an instant falls on. */
export function dayOf(date: Date): Day {
  return date.toISOString().slice(0, 10);
}

/** The instant a day begins (00:00 UTC). */
export function startOfDay(day: Day): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function addDays(day: Day, days: number): Day {
  return dayOf(new Date(startOfDay(day).getTime() + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((startOfDay(to).getTime() - startOfDay(from).getTime()) / DAY_MS);
}

/** Whole 24-hour periods from the instant `from` to `now` (0 when `from` is in the future). */
export function daysSince(from: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS));
}

export const minDay = (a: Day, b: Day): Day => (a < b ? a : b);
export const maxDay = (a: Day, b: Day): Day => (a > b ? a : b);
