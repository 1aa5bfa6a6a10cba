import { PilotStatus } from '../../enums';
import { daysLeftText, pilotStanding } from '../pilot-standing';

describe('pilotStanding', () => {
  describe('a 10-day pilot from 2026-03-01 to 2026-03-10 with nothing met yet', () => {
    const pilot = { status: PilotStatus.ACTIVE, startDate: '2026-03-01', endDate: '2026-03-10' };
    const progress = { criteriaMet: 0, criteriaTotal: 2, budget: { creditUsd: 1000, spentUsd: 0 } };
    const on = (today: string) => pilotStanding(pilot, progress, today, { budgetPercent: 90 });

    it('on its first day: nothing over, all 10 days left, not behind', () => {
      expect(on('2026-03-01')).toEqual({
        today: '2026-03-01',
        days: 10,
        daysElapsed: 0,
        daysLeft: 10,
        elapsedShare: 0,
        behind: false,
        budgetSpentPercent: 0,
        riskReasons: [],
        atRisk: false,
      });
    });

    it('on its third day: 20% over, which is not more than a quarter ahead of nothing met', () => {
      expect(on('2026-03-03')).toMatchObject({ daysElapsed: 2, daysLeft: 8, elapsedShare: 0.2, behind: false });
    });

    it('on its fourth day: 30% over with nothing met, behind', () => {
      expect(on('2026-03-04')).toMatchObject({ daysElapsed: 3, daysLeft: 7, elapsedShare: 0.3, behind: true, atRisk: true });
    });

    it('on its last day: 9 of 10 days over and "1 day left"', () => {
      const standing = on('2026-03-10');
      expect(standing).toMatchObject({ daysElapsed: 9, daysLeft: 1, elapsedShare: 0.9 });
      expect(daysLeftText(standing.daysLeft)).toBe('1 day left');
    });
  });
});
