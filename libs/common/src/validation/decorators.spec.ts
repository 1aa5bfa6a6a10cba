import { validateSync } from 'class-validator';
import { SortDirection } from '../pagination/sort-direction';
import { IdArg, IsDateTime, IsDay, SortArg, Text } from './decorators';

enum SampleSortField {
  DUE_AT = 'dueAt',
  CREATED_AT = 'createdAt',
  TITLE = 'title',
}

class Sample {
  @IdArg('an account')
  accountId: unknown = '6f1c1a52-8f36-4c8e-9a57-1f5c86b1e0a4';

  @IdArg('a member', { optional: true, each: true })
  memberIds?: unknown;

  @Text({ max: 5 })
  name: unknown = 'Nova';

  @Text({ max: 5, optional: true, blank: true })
  notes?: unknown;

  @IsDay({ optional: true })
  startDate?: unknown;

  @IsDateTime({ optional: true })
  dueAt?: unknown;

  @SortArg(SampleSortField, SampleSortField.DUE_AT)
  sortBy?: unknown;

  @SortArg(SortDirection, SortDirection.ASC)
  sortDirection?: unknown;
}

const problems = (changes: Partial<Sample>) =>
  validateSync(Object.assign(new Sample(), changes)).flatMap((error) => Object.values(error.constraints ?? {}));

describe('composed validation decorators', () => {
  it('accepts a valid input, and absent optional values', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ memberIds: null, notes: '   ', startDate: '2026-03-01', dueAt: new Date() })).toEqual([]);
  });

  it('names the field and what its id must be', () => {
    expect(problems({ accountId: 'nope' })).toEqual(['accountId must be an account id']);
    expect(problems({ memberIds: ['6f1c1a52-8f36-4c8e-9a57-1f5c86b1e0a4', 'x'] })).toEqual([
      'memberIds must be member ids',
    ]);
  });

  it('refuses blank or long text, unless blank is allowed', () => {
    expect(problems({ name: '  ' })).toEqual(['name must not be blank']);
    expect(problems({ name: 'Nova Pictures' })).toEqual(['name must be shorter than or equal to 5 characters']);
    expect(problems({ notes: 'much too long' })).toEqual(['notes must be shorter than or equal to 5 characters']);
  });

  it('refuses days that are not dates or out of range', () => {
    for (const startDate of ['soon', '2026-02-30', '2026-03-01T10:00:00Z', '20260301', '2026-W10', '2026-060', 20260301])
      expect(problems({ startDate })).toEqual(['startDate must be a date such as 2026-03-01']);
    expect(problems({ startDate: '1800-01-01' })).toEqual(['startDate must be between 1900-01-01 and 2200-12-31']);
  });

  it('refuses date-times that are not dates or out of range', () => {
    expect(problems({ dueAt: '2026-03-01T10:00:00Z' })).toEqual(['dueAt must be a date-time']);
    expect(problems({ dueAt: new Date('2300-01-01T00:00:00Z') })).toEqual(['dueAt must be between 1900-01-01 and 2200-12-31']);
  });

  it('refuses a sort that is not one of its enum values, naming them', () => {
    expect(problems({ sortBy: SampleSortField.TITLE, sortDirection: SortDirection.DESC })).toEqual([]);
    expect(problems({ sortBy: 'TITLE' })).toEqual(['sortBy must be DUE_AT, CREATED_AT or TITLE']);
    expect(problems({ sortDirection: 'UP' })).toEqual(['sortDirection must be ASC or DESC']);
  });
});
