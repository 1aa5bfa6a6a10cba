import { dayOf } from '@greenlight/common';
import { pilotStanding, PilotStatus } from '@greenlight/pilots';
import { CreditUnit } from '@greenlight/grants';
import { AlertFacts, alertConditions, GrantFacts, PilotFacts } from './alert-rules';
import { AlertKind, AlertSeverity } from './alert.enums';

const now = new Date('2026-11-27T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const thresholds = {
  usageDropPercent: 50,
  usageDropMinEvents: 20,
  pilotEndingDays: 7,
  quietDays: 30,
  grantCreditPercent: 80,
};
const calm: AlertFacts = {
  now,
  accountCreatedAt: daysAgo(100),
  usage: { last: 100, previous: 100 },
  lastInteractionAt: daysAgo(3),
  stage: { key: 'pilot', name: 'Pilot' },
  pilots: [],
  tier: null,
  grants: [],
};
const pilot = {
  id: 'p1',
  name: 'Trailer sprint',
  startDate: '2026-11-01',
  endDate: '2026-12-20',
  criteriaTotal: 3,
  criteriaMet: 1,
  creditBudgetUsd: 5000,
  spentUsd: 1000,
};
type PilotRow = typeof pilot;

/** An active pilot as the alert signals give it: with its standing at `now` by the pilots' rule. */
function active(row: PilotRow, budgetPercent = 90): PilotFacts {
  const budget = { creditUsd: row.creditBudgetUsd, spentUsd: row.spentUsd };
  const progress = { criteriaMet: row.criteriaMet, criteriaTotal: row.criteriaTotal, budget };
  const standing = pilotStanding({ ...row, status: PilotStatus.ACTIVE }, progress, dayOf(now), { budgetPercent });
  const { startDate: _start, ...facts } = row;
  return { ...facts, standing };
}

const kinds = (facts: Partial<AlertFacts>) => alertConditions({ ...calm, ...facts }, thresholds).map((c) => c.kind);

describe('alertConditions', () => {
  it('raises nothing for a calm account', () => {
    expect(alertConditions({ ...calm, pilots: [active(pilot)] }, thresholds)).toEqual([]);
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

  it('raises a pilot in its last 7 days with unmet criteria, critical in the last 2', () => {
    const ending = { ...pilot, endDate: '2026-12-02' };
    expect(alertConditions({ ...calm, pilots: [active(ending)] }, thresholds)).toEqual([
      {
        kind: AlertKind.PILOT_ENDING_UNMET,
        pilotId: 'p1',
        severity: AlertSeverity.WARNING,
        message: "pilot 'Trailer sprint' has 6 days left with 1 of 3 criteria met",
        details: { daysLeft: 6, criteriaMet: 1, criteriaTotal: 3, endDate: '2026-12-02' },
      },
    ]);
    const ends = (endDate: string) => alertConditions({ ...calm, pilots: [active({ ...ending, endDate })] }, thresholds);
    expect(ends('2026-12-03').map((c) => c.details.daysLeft)).toEqual([7]);
    expect(ends('2026-12-04')).toEqual([]);
    expect(ends('2026-11-28')[0]).toMatchObject({ severity: AlertSeverity.CRITICAL, details: { daysLeft: 2 } });
    expect(ends('2026-11-27')[0]).toMatchObject({
      severity: AlertSeverity.CRITICAL,
      message: "pilot 'Trailer sprint' has 1 day left with 1 of 3 criteria met",
    });
    expect(ends('2026-11-26')).toEqual([]);
    expect(kinds({ pilots: [active({ ...ending, criteriaMet: 3 })] })).toEqual([]);
  });

  it('raises a pilot that has spent the configured share of its credit, critical once all is spent', () => {
    const [spent] = alertConditions({ ...calm, pilots: [active({ ...pilot, spentUsd: 4500 })] }, thresholds);
    expect(spent).toMatchObject({
      kind: AlertKind.PILOT_BUDGET_SPENT,
      pilotId: 'p1',
      severity: AlertSeverity.WARNING,
      message: "pilot 'Trailer sprint' has spent 90% of its $5,000 credit ($4,500)",
    });
    expect(kinds({ pilots: [active({ ...pilot, spentUsd: 4499.99 })] })).toEqual([]);
    expect(kinds({ pilots: [active({ ...pilot, spentUsd: 3750 }, 75)] })).toEqual([AlertKind.PILOT_BUDGET_SPENT]);
    expect(kinds({ pilots: [active({ ...pilot, spentUsd: 3749.99 }, 75)] })).toEqual([]);
    expect(alertConditions({ ...calm, pilots: [active({ ...pilot, spentUsd: 5200 })] }, thresholds)[0].severity).toBe(
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

  describe('grants', () => {
    const usage = {
      events: 40,
      creditsUsed: 400,
      creditsUsedEstimated: false,
      creditsLeft: 600,
      creditsUsedPercent: 40,
      firstUseOn: '2026-11-02',
      lastUseOn: '2026-11-26',
      activated: true,
      dormant: false,
    };
    const grant: GrantFacts = {
      id: 'g1',
      holder: 'the account',
      expiresOn: '2027-03-01',
      creditUnit: CreditUnit.USD,
      creditLimit: 1000,
      usage,
    };
    const withGrant = (change: Partial<GrantFacts>, facts: Partial<AlertFacts> = {}) =>
      alertConditions({ ...calm, ...facts, grants: [{ ...grant, ...change }] }, thresholds);

    it('raises nothing for a grant in use, far from its limit and its end', () => {
      expect(withGrant({})).toEqual([]);
    });

    it('raises a grant near its credit limit from the configured share, critical once all is used', () => {
      expect(
        withGrant({ usage: { ...usage, creditsUsed: 800, creditsLeft: 200, creditsUsedPercent: 80 } }),
      ).toEqual([
        {
          kind: AlertKind.GRANT_CREDIT_NEARLY_SPENT,
          pilotId: null,
          grantId: 'g1',
          severity: AlertSeverity.WARNING,
          message: 'access grant of the account has used 80% of its $1,000 credits ($800)',
          details: { usedPercent: 80, creditsUsed: 800, creditLimit: 1000 },
        },
      ]);
      expect(
        withGrant({
          holder: 'Lea Spender',
          usage: { ...usage, creditsUsed: 850, creditsUsedPercent: 85, creditsUsedEstimated: true },
        })[0].message,
      ).toBe('access grant of Lea Spender has used about 85% of its $1,000 credits (about $850)');
      expect(withGrant({ usage: { ...usage, creditsUsedPercent: 79 } })).toEqual([]);
      expect(withGrant({ usage: { ...usage, creditsUsed: 1000, creditsUsedPercent: 100 } })[0].severity).toBe(
        AlertSeverity.CRITICAL,
      );
    });

    it('raises a grant ending within 7 days only while it is in use', () => {
      expect(withGrant({ expiresOn: '2026-12-03' }).map((c) => [c.kind, c.message])).toEqual([
        [
          AlertKind.GRANT_EXPIRING_IN_USE,
          'access grant of the account ends in 7 days (2026-12-03) and was used on 2026-11-26',
        ],
      ]);
      expect(withGrant({ expiresOn: '2026-12-04' })).toEqual([]);
      expect(withGrant({ expiresOn: '2026-12-03', usage: { ...usage, lastUseOn: '2026-11-13' } })).toEqual(
        [],
      );
      expect(withGrant({ expiresOn: '2026-12-03', usage: { ...usage, lastUseOn: null } })).toEqual([]);
    });

    it('raises a dormant grant only at a strategic account', () => {
      const dormant = { usage: { ...usage, dormant: true, lastUseOn: '2026-11-01' } };
      expect(withGrant(dormant, { tier: 'Strategic' }).map((c) => c.kind)).toEqual([AlertKind.GRANT_DORMANT]);
      expect(withGrant(dormant, { tier: 'growth' })).toEqual([]);
    });
  });
});
