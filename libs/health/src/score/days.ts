/** A UTC calendar day, `YYYY-MM-DD`. */
export type Day = string;

export const DAY_MS = 86_400_000;

export function dayOf(date: Date): Day {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: Day, days: number): Day {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** Whole days elapsed from `from` to `now` (0 when `from` is in the future). */
export function daysSince(from: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS));
}

/** The two usage windows a trend compares: the last 14 days (today included) and the 14 before. */
export function trendWindows(now: Date): { last: [Day, Day]; previous: [Day, Day] } {
  const today = dayOf(now);
  return {
    last: [addDays(today, -13), today],
    previous: [addDays(today, -27), addDays(today, -14)],
  };
}
