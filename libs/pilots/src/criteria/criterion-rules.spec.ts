import { PilotComparator, PilotMetric } from '../enums';
import { criterionProblems } from './criterion-rules';

const pilot = { startDate: '2026-03-01', endDate: '2026-03-31' };
const paths = (...args: Parameters<typeof criterionProblems>) => criterionProblems(...args).map((p) => p.path);

describe('criterion rules', () => {
  it('accepts a telemetry criterion with a comparator and a positive target', () => {
    expect(
      criterionProblems({ metric: PilotMetric.GENERATIONS, comparator: PilotComparator.AT_LEAST, target: 500 }, pilot, 'input'),
    ).toEqual([]);
  });

  it('requires comparator and target for telemetry metrics, and a share for SUCCESS_RATE', () => {
    expect(paths({ metric: PilotMetric.VIDEO_SECONDS }, pilot, 'input')).toEqual(['input.comparator', 'input.target']);
    const rate = criterionProblems(
      { metric: PilotMetric.SUCCESS_RATE, comparator: PilotComparator.AT_LEAST, target: 95 },
      pilot,
      'input.criteria.1',
    );
    expect(rate).toEqual([
      {
        path: 'input.criteria.1.target',
        message: 'input.criteria.1.target must be a share between 0 and 1 for SUCCESS_RATE (e.g. 0.95)',
      },
    ]);
    expect(
      paths({ metric: PilotMetric.SUCCESS_RATE, comparator: PilotComparator.AT_LEAST, target: 1 }, pilot, 'input'),
    ).toEqual([]);
    expect(paths({ metric: PilotMetric.SPEND_USD, comparator: PilotComparator.AT_MOST, target: 0 }, pilot, 'input')).toEqual([
      'input.target',
    ]);
  });

  it('takes a label and no target for MANUAL criteria', () => {
    expect(paths({ metric: PilotMetric.MANUAL, label: 'Editors sign off' }, pilot, 'input')).toEqual([]);
    expect(
      paths({ metric: PilotMetric.MANUAL, target: 3, comparator: PilotComparator.AT_LEAST }, pilot, 'input'),
    ).toEqual(['input.comparator', 'input.target', 'input.label']);
  });

  it("refuses a window that ends before it starts, counting the pilot's dates as defaults", () => {
    const base = { metric: PilotMetric.GENERATIONS, comparator: PilotComparator.AT_LEAST, target: 1 };
    expect(paths({ ...base, windowStart: '2026-03-10', windowEnd: '2026-03-05' }, pilot, 'input')).toEqual([
      'input.windowEnd',
    ]);
    expect(paths({ ...base, windowStart: '2026-04-10' }, pilot, 'input')).toEqual(['input.windowStart']);
    expect(paths({ ...base, windowStart: '2026-03-10', windowEnd: '2026-03-10' }, pilot, 'input')).toEqual([]);
  });
});
