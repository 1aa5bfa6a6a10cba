import { addDays, Day, dayOf } from '@greenlight/common';

/** The two usage windows a trend compares: the last 14 days (today included) and the 14 before. */
export function trendWindows(now: Date): { last: [Day, Day]; previous: [Day, Day] } {
  const today = dayOf(now);
  return {
    last: [addDays(today, -13), today],
    previous: [addDays(today, -27), addDays(today, -14)],
  };
}
