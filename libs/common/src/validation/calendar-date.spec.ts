import { isCalendarDate } from './calendar-date';

describe('isCalendarDate', () => {
  it('refuses days and times that do not exist', () => {
    for (const text of [
      '2026-02-30',
      '2026-02-29T10:00:00Z',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-01-01T24:00:00Z',
      '2026-01-01T10:60Z',
      '2026-01-01T10:00:60Z',
      '2100-02-29',
    ])
      expect([text, isCalendarDate(text)]).toEqual([text, false]);
  });

  it('accepts real ones, leap days included, and leaves other forms to the parser', () => {
    for (const text of [
      '2026-02-28',
      '2028-02-29',
      '2000-02-29T23:59:59.999Z',
      '2026-12-31 08:30',
      'Oct 5, 2026',
      '',
    ])
      expect([text, isCalendarDate(text)]).toEqual([text, true]);
  });
});
