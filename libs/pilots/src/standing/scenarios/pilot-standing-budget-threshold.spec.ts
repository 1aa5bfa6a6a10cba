import { PilotRiskReason, PilotStatus } from '../../enums';
import { pilotStanding } from '../pilot-standing';

describe('pilotStanding', () => {
  describe('the budget threshold comes from the settings (ALERT_PILOT_BUDGET_PERCENT)', () => {
    const pilot = { status: PilotStatus.ACTIVE, startDate: '2026-05-01', endDate: '2026-05-20' };
    const spending = (spentUsd: number, creditUsd = 100) => ({ criteriaMet: 1, criteriaTotal: 1, budget: { creditUsd, spentUsd } });
    const reasons = (spentUsd: number, budgetPercent: number, creditUsd = 100) =>
      pilotStanding(pilot, spending(spentUsd, creditUsd), '2026-05-10', { budgetPercent }).riskReasons;

    it('at 75: $80 of $100 is at risk, $74.99 is not; at 90 neither is', () => {
      expect(pilotStanding(pilot, spending(80), '2026-05-10', { budgetPercent: 75 })).toMatchObject({
        budgetSpentPercent: 80,
        riskReasons: [PilotRiskReason.BUDGET_NEARLY_SPENT],
        atRisk: true,
      });
      expect(reasons(74.99, 75)).toEqual([]);
      expect(reasons(80, 90)).toEqual([]);
    });

    it('counts from the threshold itself, in cents, so no rounding of shares decides', () => {
      expect(reasons(90, 90)).toEqual([PilotRiskReason.BUDGET_NEARLY_SPENT]);
      expect(reasons(0.29, 29, 1)).toEqual([PilotRiskReason.BUDGET_NEARLY_SPENT]);
      expect(reasons(0.28, 29, 1)).toEqual([]);
    });

    it('does not judge a pilot that is not ACTIVE', () => {
      const paused = pilotStanding({ ...pilot, status: PilotStatus.PAUSED }, spending(100), '2026-05-30', { budgetPercent: 75 });
      expect(paused).toMatchObject({ daysLeft: 0, budgetSpentPercent: 100, behind: false, riskReasons: [], atRisk: false });
    });
  });
});
