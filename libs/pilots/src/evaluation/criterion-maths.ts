import { PilotComparator, PilotMetric, TrendDirection } from '../enums';
import { addDays, Day, maxDay, minDay } from '@greenlight/common';

/** The usage figures a criterion can be judged on (a subset of the telemetry rollup totals). */
export interface UsageFigures {
  generations: number;
  videoSeconds: number;
  activeUsers: number;
  costUsd: number;
  successRate: number | null;
  medianRenderSeconds: number | null;
}

export interface DayRange {
  from: Day;
  to: Day;
}

/** Below this relative change two periods count as FLAT. */
const FLAT_BAND = 0.05;
/** Length of each of the two periods a trend compares. */
const TREND_DAYS = 7;

/**
 * The days to read for a window as of `today`: usage so far (`read`), the last TREND_DAYS days of
 * it (`recent`) and the TREND_DAYS before those (`previous`), each clipped to the window; null
 * when the window has not begun (or, for `previous`, when it has no day yet).
 */
export function evaluationRanges(
  window: DayRange,
  today: Day,
): { read: DayRange | null; recent: DayRange | null; previous: DayRange | null } {
  const end = minDay(window.to, today);
  if (end < window.from) return { read: null, recent: null, previous: null };
  const previousEnd = addDays(end, -TREND_DAYS);
  return {
    read: { from: window.from, to: end },
    recent: { from: maxDay(window.from, addDays(end, -(TREND_DAYS - 1))), to: end },
    previous:
      previousEnd < window.from
        ? null
        : { from: maxDay(window.from, addDays(previousEnd, -(TREND_DAYS - 1))), to: previousEnd },
  };
}

/** The value of a telemetry metric in some totals; no usage counts as zero, rates as unknown. */
export function metricValue(metric: PilotMetric, totals: UsageFigures | null): number | null {
  switch (metric) {
    case PilotMetric.GENERATIONS:
      return totals?.generations ?? 0;
    case PilotMetric.VIDEO_SECONDS:
      return totals?.videoSeconds ?? 0;
    case PilotMetric.ACTIVE_USERS:
      return totals?.activeUsers ?? 0;
    case PilotMetric.SPEND_USD:
      return totals?.costUsd ?? 0;
    case PilotMetric.SUCCESS_RATE:
      return totals?.successRate ?? null;
    case PilotMetric.MEDIAN_RENDER_SECONDS:
      return totals?.medianRenderSeconds ?? null;
    case PilotMetric.MANUAL:
      return null;
  }
}

export function isMet(comparator: PilotComparator, target: number, value: number | null): boolean {
  if (value === null) return false;
  return comparator === PilotComparator.AT_LEAST ? value >= target : value <= target;
}

/**
 * How far toward the target, 0 to 1: AT_LEAST is value / target; AT_MOST is 1 while at or under
 * the target, then target / value as it overshoots. An unknown value is 0.
 */
export function progressToward(comparator: PilotComparator, target: number, value: number | null): number {
  if (value === null) return 0;
  const share =
    comparator === PilotComparator.AT_LEAST ? value / target : value <= target ? 1 : target / value;
  return Math.min(1, Math.max(0, share));
}

export interface Trend {
  direction: TrendDirection;
  recent: number | null;
  previous: number | null;
  /** (recent − previous) / previous; null without a non-zero previous value. */
  change: number | null;
}

/** Compares two periods: FLAT when either is unknown or they differ by less than FLAT_BAND. */
export function trendOf(recent: number | null, previous: number | null): Trend {
  const change = recent !== null && previous ? (recent - previous) / Math.abs(previous) : null;
  if (recent === null || previous === null) return { direction: TrendDirection.FLAT, recent, previous, change };
  const scale = Math.max(Math.abs(recent), Math.abs(previous));
  const direction =
    Math.abs(recent - previous) <= FLAT_BAND * scale
      ? TrendDirection.FLAT
      : recent > previous
        ? TrendDirection.UP
        : TrendDirection.DOWN;
  return { direction, recent, previous, change };
}

export interface BudgetFigures {
  creditUsd: number;
  spentUsd: number;
  remainingUsd: number;
  /** spent / credit; above 1 once overspent. */
  spentShare: number;
}

export function budgetOf(creditUsd: number, spentUsd: number): BudgetFigures {
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    creditUsd,
    spentUsd: round(spentUsd),
    remainingUsd: round(creditUsd - spentUsd),
    spentShare: creditUsd > 0 ? spentUsd / creditUsd : 0,
  };
}
