import { InvalidInputException } from '@greenlight/common';
import { toPeriod } from './dashboard-period.input';

const fieldsOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof InvalidInputException) return error.fields;
    throw error;
  }
  return [];
};

describe('toPeriod', () => {
  it('turns inclusive days into a half-open interval of instants', () => {
    const period = toPeriod({ from: '2026-02-27', to: '2026-03-01' });
    expect(period.from.toISOString()).toBe('2026-02-27T00:00:00.000Z');
    expect(period.to.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(period.days).toBe(3);
  });

  it('refuses an end before the start, naming the field', () => {
    expect(fieldsOf(() => toPeriod({ from: '2026-03-02', to: '2026-03-01' }))).toEqual([
      { path: 'period.to', message: 'period.to must not be before period.from' },
    ]);
  });

  it('refuses impossible dates and periods longer than allowed', () => {
    expect(fieldsOf(() => toPeriod({ from: '2026-02-30', to: '2026-03-01' }))[0].path).toBe('period.from');
    expect(fieldsOf(() => toPeriod({ from: '2020-01-01', to: '2026-03-01' }))[0].message).toMatch(
      /period covers 2252 days; at most 731/,
    );
  });
});
