import { addDays } from '@greenlight/common';
import { bucketPeriods, coverOf, UsagePeriod } from './usage-periods';

/** Every day a period holds. */
function daysOf({ grain, day }: UsagePeriod): string[] {
  if (grain === 'day') return [day];
  if (grain === 'week') return Array.from({ length: 7 }, (_, i) => addDays(day, i));
  const days: string[] = [];
  for (let each = day; each.slice(0, 7) === day.slice(0, 7); each = addDays(each, 1)) days.push(each);
  return days;
}

function everyDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

describe('usage periods', () => {
  it('covers a window with its whole months, then whole weeks, then days, each day once', () => {
    expect(coverOf({ from: '2026-01-28', to: '2026-04-07' })).toEqual([
      { grain: 'day', day: '2026-01-28' },
      { grain: 'day', day: '2026-01-29' },
      { grain: 'day', day: '2026-01-30' },
      { grain: 'day', day: '2026-01-31' },
      { grain: 'month', day: '2026-02-01' },
      { grain: 'month', day: '2026-03-01' },
      { grain: 'day', day: '2026-04-01' },
      { grain: 'day', day: '2026-04-02' },
      { grain: 'day', day: '2026-04-03' },
      { grain: 'day', day: '2026-04-04' },
      { grain: 'day', day: '2026-04-05' },
      { grain: 'day', day: '2026-04-06' },
      { grain: 'day', day: '2026-04-07' },
    ]);
    expect(coverOf({ from: '2026-04-01', to: '2026-04-19' }).map((period) => period.grain)).toEqual([
      ...Array(5).fill('day'),
      'week',
      'week',
    ]);
    for (let start = 0; start < 400; start += 7) {
      for (const length of [1, 6, 7, 13, 30, 31, 59, 90, 365, 731]) {
        const from = addDays('2025-01-01', start);
        const to = addDays(from, length - 1);
        const cover = coverOf({ from, to });
        expect(cover.flatMap(daysOf)).toEqual(everyDay(from, to));
        if (length >= 62) expect(cover.length).toBeLessThan(45);
      }
    }
  });

  it('reads a bucket wholly inside the window as one period, the partial weeks at the ends as days', () => {
    const periods = bucketPeriods({ from: '2026-03-04', to: '2026-03-24' }, 'week');
    expect(periods.filter((period) => period.grain === 'week')).toEqual([
      { grain: 'week', day: '2026-03-09', bucket: '2026-03-09' },
      { grain: 'week', day: '2026-03-16', bucket: '2026-03-16' },
    ]);
    expect(periods.filter((period) => period.grain === 'day').map((period) => [period.day, period.bucket])).toEqual([
      ['2026-03-04', '2026-03-02'],
      ['2026-03-05', '2026-03-02'],
      ['2026-03-06', '2026-03-02'],
      ['2026-03-07', '2026-03-02'],
      ['2026-03-08', '2026-03-02'],
      ['2026-03-23', '2026-03-23'],
      ['2026-03-24', '2026-03-23'],
    ]);
    expect(periods.flatMap(daysOf)).toEqual(everyDay('2026-03-04', '2026-03-24'));
    expect(bucketPeriods({ from: '2026-03-04', to: '2026-03-05' }, 'day')).toEqual([
      { grain: 'day', day: '2026-03-04', bucket: '2026-03-04' },
      { grain: 'day', day: '2026-03-05', bucket: '2026-03-05' },
    ]);
  });
});
