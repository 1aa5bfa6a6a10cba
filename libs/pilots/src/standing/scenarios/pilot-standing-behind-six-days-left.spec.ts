import { dayOf } from '@greenlight/common';
import { PilotRiskReason, PilotStatus } from '../../enums';
import { daysLeftText, elapsedText, pilotStanding } from '../pilot-standing';

describe('pilotStanding', () => {
  describe('a 38-day pilot on its 33rd day with 1 of 3 criteria met', () => {
    // 2026-10-31 to 2026-12-07: 32 days are over, today (2026-12-02) and 5 more are left
    const pilot = { status: PilotStatus.ACTIVE, startDate: '2026-10-31', endDate: '2026-12-07' };
    const progress = { criteriaMet: 1, criteriaTotal: 3, budget: { creditUsd: 5000, spentUsd: 1000 } };

    it('is 84% through with 6 days left, behind, at any time of that UTC day', () => {
      for (const now of ['2026-12-02T00:00:00.000Z', '2026-12-02T20:53:00.000Z', '2026-12-02T23:59:59.999Z']) {
        expect(pilotStanding(pilot, progress, dayOf(new Date(now)), { budgetPercent: 90 })).toEqual({
          today: '2026-12-02',
          days: 38,
          daysElapsed: 32,
          daysLeft: 6,
          elapsedShare: 32 / 38,
          behind: true,
          budgetSpentPercent: 20,
          riskReasons: [PilotRiskReason.BEHIND_CRITERIA],
          atRisk: true,
        });
      }
    });

    it('is worded the same everywhere', () => {
      const standing = pilotStanding(pilot, progress, '2026-12-02', { budgetPercent: 90 });
      expect(elapsedText(standing)).toBe('84% through its time');
      expect(daysLeftText(standing.daysLeft)).toBe('6 days left');
    });
  });
});
