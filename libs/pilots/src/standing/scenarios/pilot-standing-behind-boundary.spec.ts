import { PilotRiskReason, PilotStatus } from '../../enums';
import { pilotStanding } from '../pilot-standing';

describe('pilotStanding', () => {
  describe('a 20-day pilot with 2 of 4 criteria met, around the quarter it may lag', () => {
    const pilot = { status: PilotStatus.ACTIVE, startDate: '2026-05-01', endDate: '2026-05-20' };
    const budget = { creditUsd: 1000, spentUsd: 0 };
    const on = (today: string, criteriaMet = 2, criteriaTotal = 4) =>
      pilotStanding(pilot, { criteriaMet, criteriaTotal, budget }, today, { budgetPercent: 90 });

    it('exactly a quarter ahead (75% over, half met) is not behind', () => {
      expect(on('2026-05-16')).toMatchObject({ elapsedShare: 0.75, behind: false, riskReasons: [] });
    });

    it('one day later (80% over) is behind', () => {
      expect(on('2026-05-17')).toMatchObject({
        elapsedShare: 0.8,
        behind: true,
        riskReasons: [PilotRiskReason.BEHIND_CRITERIA],
      });
    });

    it('is never behind with every criterion met, or without criteria', () => {
      expect(on('2026-05-30', 4, 4)).toMatchObject({ elapsedShare: 1, behind: false });
      expect(on('2026-05-30', 0, 0)).toMatchObject({ elapsedShare: 1, behind: false });
    });
  });
});
