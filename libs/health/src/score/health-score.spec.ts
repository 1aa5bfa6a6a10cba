import { dayOf } from '@greenlight/common';
import { pilotStanding, PilotStatus } from '@greenlight/pilots';
import { computeHealth, HealthInputs, HealthReasonCode, PilotProgress, SCORE } from './health-score';
import { trendWindows } from './trend-windows';

const now = new Date('2026-11-27T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

const neutral: HealthInputs = {
  now,
  accountCreatedAt: daysAgo(10),
  usage: { last: 0, previous: 5 },
  lastInteractionAt: daysAgo(14),
  stage: { name: 'Engaged', category: 'open' },
  pilots: [],
};

/** An active pilot as the health signals give it: with its standing at `now`. */
function activePilot(pilot: { name: string; startDate: string; endDate: string; criteriaTotal: number; criteriaMet: number }): PilotProgress {
  const progress = { criteriaMet: pilot.criteriaMet, criteriaTotal: pilot.criteriaTotal, budget: { creditUsd: 1000, spentUsd: 0 } };
  const standing = pilotStanding({ ...pilot, status: PilotStatus.ACTIVE }, progress, dayOf(now), { budgetPercent: 90 });
  return { name: pilot.name, criteriaMet: pilot.criteriaMet, criteriaTotal: pilot.criteriaTotal, standing };
}

const codes = (inputs: Partial<HealthInputs>) => computeHealth({ ...neutral, ...inputs }).reasons.map((r) => r.code);

describe('computeHealth', () => {
  it('gives the base score with no reasons when nothing stands out', () => {
    expect(computeHealth(neutral)).toEqual({ score: SCORE.base, reasons: [] });
  });

  it('takes points for a usage drop in proportion to it and says by how much', () => {
    const health = computeHealth({ ...neutral, usage: { last: 38, previous: 100 } });
    expect(health.reasons).toEqual([
      {
        code: HealthReasonCode.USAGE_DOWN,
        message: 'usage down 62% over the last 14 days (38 events vs 100)',
        impact: -25,
      },
    ]);
    expect(health.score).toBe(45);
    expect(computeHealth({ ...neutral, usage: { last: 0, previous: 100 } }).score).toBe(30);
  });

  it('rewards growth (capped), steady use and usage that has just started', () => {
    expect(computeHealth({ ...neutral, usage: { last: 150, previous: 100 } }).reasons[0]).toMatchObject({
      code: HealthReasonCode.USAGE_UP,
      message: 'usage up 50% over the last 14 days (150 events vs 100)',
      impact: 8,
    });
    expect(computeHealth({ ...neutral, usage: { last: 1000, previous: 100 } }).reasons[0].impact).toBe(15);
    expect(computeHealth({ ...neutral, usage: { last: 110, previous: 100 } }).reasons[0]).toMatchObject({
      code: HealthReasonCode.USAGE_STEADY,
      impact: 5,
    });
    expect(computeHealth({ ...neutral, usage: { last: 40, previous: 2 } }).reasons[0]).toMatchObject({
      code: HealthReasonCode.USAGE_STARTED,
      message: 'usage picked up: 40 events over the last 14 days',
    });
    expect(codes({ usage: { last: 0, previous: 0 } })).toEqual([HealthReasonCode.NO_USAGE]);
    expect(codes({ usage: { last: 3, previous: 4 } })).toEqual([]);
  });

  it('takes points for a long silence, growing with its length up to a cap', () => {
    const quiet = computeHealth({ ...neutral, lastInteractionAt: daysAgo(41) });
    expect(quiet.reasons).toEqual([
      { code: HealthReasonCode.NO_RECENT_INTERACTION, message: 'no interaction in 41 days', impact: -14 },
    ]);
    expect(computeHealth({ ...neutral, lastInteractionAt: daysAgo(400) }).reasons[0].impact).toBe(-SCORE.quietCap);
    expect(computeHealth({ ...neutral, lastInteractionAt: daysAgo(2) }).reasons[0]).toMatchObject({
      code: HealthReasonCode.RECENT_INTERACTION,
      message: 'last interaction 2 days ago',
      impact: 10,
    });
    expect(codes({ lastInteractionAt: daysAgo(21) })).toEqual([]);
  });

  it('counts an account never contacted only once it is older than three weeks', () => {
    expect(codes({ lastInteractionAt: null, accountCreatedAt: daysAgo(5) })).toEqual([]);
    expect(computeHealth({ ...neutral, lastInteractionAt: null, accountCreatedAt: daysAgo(30) }).reasons).toEqual([
      {
        code: HealthReasonCode.NO_INTERACTION_YET,
        message: 'no interaction logged since the account was created 30 days ago',
        impact: -15,
      },
    ]);
  });

  it('compares a pilot’s criteria met with the share of its time gone by', () => {
    const trailer = { name: 'Trailer sprint', startDate: '2026-10-27', endDate: '2026-12-03', criteriaTotal: 3 };
    const behind = computeHealth({ ...neutral, pilots: [activePilot({ ...trailer, criteriaMet: 1 })] });
    expect(behind.reasons).toEqual([
      {
        code: HealthReasonCode.PILOT_BEHIND,
        message: "pilot 'Trailer sprint' 82% through its time (7 days left) with 1 of 3 criteria met",
        impact: -14,
      },
    ]);
    expect(computeHealth({ ...neutral, pilots: [activePilot({ ...trailer, criteriaMet: 2 })] }).reasons).toEqual([
      {
        code: HealthReasonCode.PILOT_ON_TRACK,
        message: "pilot 'Trailer sprint' on track: 82% through its time (7 days left), 2 of 3 criteria met",
        impact: SCORE.pilotOnTrack,
      },
    ]);
    expect(computeHealth({ ...neutral, pilots: [activePilot({ ...trailer, criteriaMet: 3 })] }).reasons[0]).toMatchObject({
      code: HealthReasonCode.PILOT_CRITERIA_MET,
      message: "pilot 'Trailer sprint' has met all 3 criteria",
      impact: 10,
    });
    expect(codes({ pilots: [activePilot({ ...trailer, criteriaTotal: 0, criteriaMet: 0 })] })).toEqual([]);
  });

  it('caps what several pilots together can take or give', () => {
    const late = { startDate: '2026-01-01', endDate: '2026-11-27', criteriaTotal: 4, criteriaMet: 0 };
    const health = computeHealth({
      ...neutral,
      pilots: [1, 2, 3].map((n) => activePilot({ ...late, name: `Pilot ${n}` })),
    });
    expect(health.reasons).toHaveLength(3);
    expect(health.reasons.reduce((sum, r) => sum + r.impact, 0)).toBe(SCORE.pilotFloor);
    expect(health.reasons.every((r) => r.impact < 0)).toBe(true);
  });

  it('weighs the stage category: won lifts, paused and exits weigh down', () => {
    expect(computeHealth({ ...neutral, stage: { name: 'Adopted', category: 'won' } }).score).toBe(80);
    expect(computeHealth({ ...neutral, stage: { name: 'Paused', category: 'paused' } }).reasons[0]).toMatchObject({
      code: HealthReasonCode.STAGE_PAUSED,
      message: "account is paused (stage 'Paused')",
    });
    expect(computeHealth({ ...neutral, stage: { name: 'Churned', category: 'lost' } }).score).toBe(40);
  });

  it('keeps the score between 0 and 100', () => {
    const worst = computeHealth({
      ...neutral,
      usage: { last: 0, previous: 500 },
      lastInteractionAt: daysAgo(300),
      stage: { name: 'Churned', category: 'lost' },
      pilots: [activePilot({ name: 'P', startDate: '2026-01-01', endDate: '2026-11-01', criteriaTotal: 2, criteriaMet: 0 })],
    });
    expect(worst.score).toBe(0);
    const best = computeHealth({
      ...neutral,
      usage: { last: 5000, previous: 100 },
      lastInteractionAt: daysAgo(1),
      stage: { name: 'Expanding', category: 'won' },
      pilots: [activePilot({ name: 'P', startDate: '2026-11-01', endDate: '2026-12-31', criteriaTotal: 2, criteriaMet: 2 })],
    });
    expect(best.score).toBe(100);
  });
});

describe('trendWindows', () => {
  it('compares the last 14 days, today included, with the 14 before', () => {
    expect(trendWindows(now)).toEqual({
      last: ['2026-11-14', '2026-11-27'],
      previous: ['2026-10-31', '2026-11-13'],
    });
  });
});
