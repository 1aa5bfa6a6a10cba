import { AlertFacts, alertConditions, PilotFacts } from './alert-rules';
import { AlertKind, AlertSeverity } from './alert.enums';

const now = new Date('2026-11-27T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const thresholds = {
  usageDropPercent: 50,
  usageDropMinEvents: 20,
  pilotEndingDays: 7,
  pilotBudgetPercent: 90,
  quietDays: 30,
};
const calm: AlertFacts = {
  now,
  accountCreatedAt: daysAgo(100),
  usage: { last: 100, previous: 100 },
  lastInteractionAt: daysAgo(3),
  stage: { key: 'pilot', name: 'Pilot' },
  pilots: [],
};
const pilot: PilotFacts = {
  id: 'p1',
  name: 'Trailer sprint',
  startDate: '2026-11-01',
  endDate: '2026-12-20',
  criteriaTotal: 3,
  criteriaMet: 1,
  creditBudgetUsd: 5000,
  spentUsd: 1000,
};
const kinds = (facts: Partial<AlertFacts>) => alertConditions({ ...calm, ...facts }, thresholds).map((c) => c.kind);

describe('alertConditions', () => {
  it('raises nothing for a calm account', () => {
    expect(alertConditions({ ...calm, pilots: [pilot] }, thresholds)).toEqual([]);
  });

  it('raises a usage drop at the threshold, only above the minimum volume', () => {
    expect(alertConditions({ ...calm, usage: { last: 38, previous: 100 } }, thresholds)).toEqual([
      {
        kind: AlertKind.USAGE_DROP,
        pilotId: null,
        severity: AlertSeverity.WARNING,
        message: 'usage down 62% over the last 14 days (38 events vs 100)',
        details: { dropPercent: 62, lastEvents: 38, previousEvents: 100 },
      },
    ]);
    expect(kinds({ usage: { last: 50, previous: 100 } })).toEqual([AlertKind.USAGE_DROP]);
    expect(kinds({ usage: { last: 51, previous: 100 } })).toEqual([]);
    expect(kinds({ usage: { last: 0, previous: 19 } })).toEqual([]);
    expect(alertConditions({ ...calm, usage: { last: 0, previous: 40 } }, thresholds)[0].severity).toBe(
      AlertSeverity.CRITICAL,
    );
  });

  it('raises a pilot ending within the window with unmet criteria', () => {
    const ending = { ...pilot, endDate: '2026-12-02' };
    expect(alertConditions({ ...calm, pilots: [ending] }, thresholds)).toEqual([
      expect.objectContaining({
        kind: AlertKind.PILOT_ENDING_UNMET,
        pilotId: 'p1',
        severity: AlertSeverity.WARNING,
        message: "pilot 'Trailer sprint' ends in 5 days with 1 of 3 criteria met",
      }),
    ]);
    expect(kinds({ pilots: [{ ...ending, endDate: '2026-11-28' }] })).toEqual([AlertKind.PILOT_ENDING_UNMET]);
    expect(kinds({ pilots: [{ ...ending, criteriaMet: 3 }] })).toEqual([]);
    expect(kinds({ pilots: [{ ...ending, endDate: '2026-12-05' }] })).toEqual([]);
    expect(kinds({ pilots: [{ ...ending, endDate: '2026-11-26' }] })).toEqual([]);
  });

  it('raises a pilot that has spent 90% of its credit, critical once over', () => {
    const [spent] = alertConditions({ ...calm, pilots: [{ ...pilot, spentUsd: 4500 }] }, thresholds);
    expect(spent).toMatchObject({
      kind: AlertKind.PILOT_BUDGET_SPENT,
      pilotId: 'p1',
      severity: AlertSeverity.WARNING,
      message: "pilot 'Trailer sprint' has spent 90% of its $5,000 credit ($4,500)",
    });
    expect(kinds({ pilots: [{ ...pilot, spentUsd: 4499 }] })).toEqual([]);
    expect(alertConditions({ ...calm, pilots: [{ ...pilot, spentUsd: 5200 }] }, thresholds)[0].severity).toBe(
      AlertSeverity.CRITICAL,
    );
  });

  it('raises a silence only for accounts in the pilot or negotiation stage', () => {
    const quiet = { lastInteractionAt: daysAgo(41) };
    expect(alertConditions({ ...calm, ...quiet }, thresholds)).toEqual([
      expect.objectContaining({
        kind: AlertKind.NO_RECENT_INTERACTION,
        message: "no interaction in 41 days while in stage 'Pilot'",
      }),
    ]);
    expect(kinds({ ...quiet, stage: { key: 'negotiation', name: 'Negotiation' } })).toEqual([
      AlertKind.NO_RECENT_INTERACTION,
    ]);
    expect(kinds({ ...quiet, stage: { key: 'engaged', name: 'Engaged' } })).toEqual([]);
    expect(kinds({ lastInteractionAt: daysAgo(29) })).toEqual([]);
    expect(kinds({ lastInteractionAt: null, accountCreatedAt: daysAgo(45) })).toEqual([AlertKind.NO_RECENT_INTERACTION]);
    expect(kinds({ lastInteractionAt: null, accountCreatedAt: daysAgo(2) })).toEqual([]);
  });
});
