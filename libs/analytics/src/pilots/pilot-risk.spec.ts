import { pilotRisks, PilotRiskReason } from './pilot-risk';

describe('pilotRisks', () => {
  const base = { elapsedShare: 0.5, criteriaMet: 1, criteriaTotal: 2, spentShare: 0.5 };

  it('flags nothing when criteria keep pace with time and budget is left', () => {
    expect(pilotRisks(base)).toEqual([]);
    expect(pilotRisks({ ...base, elapsedShare: 0.75 })).toEqual([]);
  });

  it('flags a pilot whose time runs more than a quarter ahead of its criteria', () => {
    expect(pilotRisks({ ...base, elapsedShare: 0.8 })).toEqual([PilotRiskReason.BEHIND_CRITERIA]);
    expect(pilotRisks({ ...base, criteriaMet: 0, elapsedShare: 0.3 })).toEqual([PilotRiskReason.BEHIND_CRITERIA]);
  });

  it('does not judge criteria of a pilot without any, and flags spend over 90%', () => {
    expect(pilotRisks({ ...base, criteriaMet: 0, criteriaTotal: 0, elapsedShare: 1 })).toEqual([]);
    expect(pilotRisks({ ...base, spentShare: 0.9 })).toEqual([]);
    expect(pilotRisks({ ...base, elapsedShare: 1, spentShare: 0.91 })).toEqual([
      PilotRiskReason.BEHIND_CRITERIA,
      PilotRiskReason.BUDGET_NEARLY_SPENT,
    ]);
  });
});
