import { PilotStatus } from '../../enums';
import { pilotStanding } from '../pilot-standing';

describe('pilotStanding', () => {
  describe('a pilot from 2026-03-01 to 2026-03-10 asked about outside its dates', () => {
    const pilot = { status: PilotStatus.ACTIVE, startDate: '2026-03-01', endDate: '2026-03-10' };
    const progress = { criteriaMet: 1, criteriaTotal: 4, budget: { creditUsd: 1000, spentUsd: 0 } };
    const on = (today: string) => pilotStanding(pilot, progress, today, { budgetPercent: 90 });

    it('before it starts: nothing over, the days up to its end left, not behind', () => {
      expect(on('2026-02-20')).toMatchObject({ days: 10, daysElapsed: 0, daysLeft: 19, elapsedShare: 0, behind: false });
    });

    it('the day after its end: all over, no day left, behind with criteria unmet', () => {
      expect(on('2026-03-11')).toMatchObject({ daysElapsed: 10, daysLeft: 0, elapsedShare: 1, behind: true });
      expect(on('2027-01-01')).toMatchObject({ daysElapsed: 10, daysLeft: 0, elapsedShare: 1 });
    });
  });

  describe('a one-day pilot', () => {
    const pilot = { status: PilotStatus.ACTIVE, startDate: '2026-03-01', endDate: '2026-03-01' };
    const progress = { criteriaMet: 0, criteriaTotal: 1, budget: { creditUsd: 1000, spentUsd: 0 } };

    it('has 1 day left and nothing over on that day, then none', () => {
      expect(pilotStanding(pilot, progress, '2026-03-01', { budgetPercent: 90 })).toMatchObject({
        days: 1,
        daysElapsed: 0,
        daysLeft: 1,
        elapsedShare: 0,
        behind: false,
      });
      expect(pilotStanding(pilot, progress, '2026-03-02', { budgetPercent: 90 })).toMatchObject({
        daysElapsed: 1,
        daysLeft: 0,
        elapsedShare: 1,
        behind: true,
      });
    });
  });
});
