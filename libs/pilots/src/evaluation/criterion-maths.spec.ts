import { PilotComparator, PilotMetric, TrendDirection } from '../enums';
import {
  budgetOf,
  evaluationRanges,
  isMet,
  metricValue,
  progressToward,
  trendOf,
  UsageFigures,
} from './criterion-maths';

const { AT_LEAST, AT_MOST } = PilotComparator;

describe('criterion maths', () => {
  const totals: UsageFigures = {
    generations: 120,
    videoSeconds: 900.5,
    activeUsers: 7,
    costUsd: 310.25,
    successRate: 0.92,
    medianRenderSeconds: 48,
  };

  it('reads each telemetry metric from the totals; no usage is zero, rates unknown', () => {
    expect(metricValue(PilotMetric.GENERATIONS, totals)).toBe(120);
    expect(metricValue(PilotMetric.VIDEO_SECONDS, totals)).toBe(900.5);
    expect(metricValue(PilotMetric.ACTIVE_USERS, totals)).toBe(7);
    expect(metricValue(PilotMetric.SPEND_USD, totals)).toBe(310.25);
    expect(metricValue(PilotMetric.SUCCESS_RATE, totals)).toBe(0.92);
    expect(metricValue(PilotMetric.MEDIAN_RENDER_SECONDS, totals)).toBe(48);
    expect(metricValue(PilotMetric.GENERATIONS, null)).toBe(0);
    expect(metricValue(PilotMetric.SUCCESS_RATE, null)).toBeNull();
    expect(metricValue(PilotMetric.MEDIAN_RENDER_SECONDS, { ...totals, medianRenderSeconds: null })).toBeNull();
  });

  it('meets AT_LEAST at or above the target and AT_MOST at or below; unknown never meets', () => {
    expect(isMet(AT_LEAST, 100, 100)).toBe(true);
    expect(isMet(AT_LEAST, 100, 99.9)).toBe(false);
    expect(isMet(AT_MOST, 60, 60)).toBe(true);
    expect(isMet(AT_MOST, 60, 61)).toBe(false);
    expect(isMet(AT_MOST, 60, null)).toBe(false);
  });

  it('measures progress from 0 to 1 toward the target', () => {
    expect(progressToward(AT_LEAST, 200, 50)).toBe(0.25);
    expect(progressToward(AT_LEAST, 200, 500)).toBe(1);
    expect(progressToward(AT_LEAST, 200, null)).toBe(0);
    expect(progressToward(AT_MOST, 60, 30)).toBe(1);
    expect(progressToward(AT_MOST, 60, 120)).toBe(0.5);
    expect(progressToward(AT_MOST, 60, null)).toBe(0);
  });

  it('calls a trend UP, DOWN or FLAT (within 5%) with the numbers', () => {
    expect(trendOf(30, 20)).toEqual({ direction: TrendDirection.UP, recent: 30, previous: 20, change: 0.5 });
    expect(trendOf(10, 20)).toEqual({ direction: TrendDirection.DOWN, recent: 10, previous: 20, change: -0.5 });
    expect(trendOf(20.5, 20).direction).toBe(TrendDirection.FLAT);
    expect(trendOf(0, 0)).toEqual({ direction: TrendDirection.FLAT, recent: 0, previous: 0, change: null });
    expect(trendOf(5, null)).toEqual({ direction: TrendDirection.FLAT, recent: 5, previous: null, change: null });
    expect(trendOf(5, 0).direction).toBe(TrendDirection.UP);
  });

  it('reads the window up to today, with the last 7 days and the 7 before, clipped to the window', () => {
    const window = { from: '2026-03-01', to: '2026-03-31' };
    expect(evaluationRanges(window, '2026-03-20')).toEqual({
      read: { from: '2026-03-01', to: '2026-03-20' },
      recent: { from: '2026-03-14', to: '2026-03-20' },
      previous: { from: '2026-03-07', to: '2026-03-13' },
    });
    expect(evaluationRanges(window, '2026-03-10')).toEqual({
      read: { from: '2026-03-01', to: '2026-03-10' },
      recent: { from: '2026-03-04', to: '2026-03-10' },
      previous: { from: '2026-03-01', to: '2026-03-03' },
    });
    expect(evaluationRanges(window, '2026-03-05').previous).toBeNull();
    expect(evaluationRanges(window, '2026-05-01').read).toEqual(window);
    expect(evaluationRanges(window, '2026-02-01')).toEqual({ read: null, recent: null, previous: null });
  });

  it('sums up the budget', () => {
    expect(budgetOf(1000, 250.004)).toEqual({ creditUsd: 1000, spentUsd: 250, remainingUsd: 750, spentShare: 0.250004 });
    expect(budgetOf(100, 150).remainingUsd).toBe(-50);
  });
});
