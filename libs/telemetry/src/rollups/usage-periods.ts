import { addDays, Day, daysBetween, startOfDay } from '@greenlight/common';

/** The periods the usage rollups hold besides day-and-model: a day, a UTC week from Monday, a month. */
export type UsageGrain = 'day' | 'week' | 'month';

/** One rollup period, by its grain and first day. */
export interface UsagePeriod {
  grain: UsageGrain;
  day: Day;
}

/** An inclusive window of UTC days. */
export interface DayWindow {
  from: Day;
  to: Day;
}

export const mondayOf = (day: Day): Day => addDays(day, -((startOfDay(day).getUTCDay() + 6) % 7));
const firstOfMonth = (day: Day): Day => `${day.slice(0, 8)}01`;
const nextMonth = (day: Day): Day => {
  const date = startOfDay(firstOfMonth(day));
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
};

/** Whole weeks of [from, to], and single days around them. */
function weeksAndDays(from: Day, to: Day): UsagePeriod[] {
  const periods: UsagePeriod[] = [];
  let day = from;
  while (day <= to) {
    if (day === mondayOf(day) && addDays(day, 6) <= to) {
      periods.push({ grain: 'week', day });
      day = addDays(day, 7);
    } else {
      periods.push({ grain: 'day', day });
      day = addDays(day, 1);
    }
  }
  return periods;
}

/**
 * Periods that together hold every day of the window exactly once, as few as can be: the whole
 * months inside it, then whole weeks of what is left on either side, then single days.
 */
export function coverOf({ from, to }: DayWindow): UsagePeriod[] {
  const firstMonth = from === firstOfMonth(from) ? from : nextMonth(from);
  let afterMonths = firstMonth;
  while (addDays(nextMonth(afterMonths), -1) <= to) afterMonths = nextMonth(afterMonths);
  if (afterMonths === firstMonth) return weeksAndDays(from, to);
  const months: UsagePeriod[] = [];
  for (let month = firstMonth; month < afterMonths; month = nextMonth(month)) months.push({ grain: 'month', day: month });
  return [...weeksAndDays(from, addDays(firstMonth, -1)), ...months, ...weeksAndDays(afterMonths, to)];
}

/** The window's bucket of a day: itself, or the Monday of its week. */
export function bucketOf(day: Day, granularity: 'day' | 'week'): Day {
  return granularity === 'day' ? day : mondayOf(day);
}

/**
 * The periods holding the days of each bucket inside the window: a bucket wholly inside is one
 * period of its own grain; the partial weeks at either end are their days.
 */
export function bucketPeriods(window: DayWindow, granularity: 'day' | 'week'): (UsagePeriod & { bucket: Day })[] {
  const periods: (UsagePeriod & { bucket: Day })[] = [];
  for (let day = window.from; day <= window.to; ) {
    const bucket = bucketOf(day, granularity);
    const last = granularity === 'day' ? bucket : addDays(bucket, 6);
    if (bucket === day && last <= window.to) {
      periods.push({ grain: granularity, day, bucket });
      day = addDays(last, 1);
    } else {
      periods.push({ grain: 'day', day, bucket });
      day = addDays(day, 1);
    }
  }
  return periods;
}

/** Days in a window, both ends included. */
export const windowDays = (window: DayWindow): number => daysBetween(window.from, window.to) + 1;
