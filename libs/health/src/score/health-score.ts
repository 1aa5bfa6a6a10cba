import { daysSince } from '@greenlight/common';
import { daysLeftText, elapsedText, PilotStanding } from '@greenlight/pilots';

/** Why a score moved; stable for clients, the message is for people. */
export enum HealthReasonCode {
  USAGE_DOWN = 'USAGE_DOWN',
  USAGE_UP = 'USAGE_UP',
  USAGE_STEADY = 'USAGE_STEADY',
  USAGE_STARTED = 'USAGE_STARTED',
  NO_USAGE = 'NO_USAGE',
  RECENT_INTERACTION = 'RECENT_INTERACTION',
  NO_RECENT_INTERACTION = 'NO_RECENT_INTERACTION',
  NO_INTERACTION_YET = 'NO_INTERACTION_YET',
  PILOT_BEHIND = 'PILOT_BEHIND',
  PILOT_ON_TRACK = 'PILOT_ON_TRACK',
  PILOT_CRITERIA_MET = 'PILOT_CRITERIA_MET',
  STAGE_WON = 'STAGE_WON',
  STAGE_PAUSED = 'STAGE_PAUSED',
  STAGE_EXIT = 'STAGE_EXIT',
}

export interface HealthReason {
  code: HealthReasonCode;
  message: string;
  /** Signed points this reason adds to the base score. */
  impact: number;
}

type StageCategoryName = 'open' | 'won' | 'lost' | 'paused';

export interface PilotProgress {
  name: string;
  criteriaTotal: number;
  criteriaMet: number;
  /** Time, behind and at risk by the pilots' rule, at `HealthInputs.now`. */
  standing: PilotStanding;
}

/** Everything the score reads about one account, gathered from the other contexts. */
export interface HealthInputs {
  now: Date;
  accountCreatedAt: Date;
  /** Usage events over the last 14 days and the 14 before. */
  usage: { last: number; previous: number };
  lastInteractionAt: Date | null;
  stage: { name: string; category: StageCategoryName } | null;
  /** The account's active pilots. */
  pilots: PilotProgress[];
}

export interface HealthScore {
  score: number;
  reasons: HealthReason[];
}

/** The constants of the formula (docs/health.md explains each). */
export const SCORE = {
  base: 70,
  /** Fewer events than this in the previous window: no percentage is computed. */
  usageMinVolume: 10,
  /** A change within ±20% counts as steady. */
  usageSteadyBand: 0.2,
  usageDownWeight: 40,
  usageUpWeight: 15,
  usageUpCap: 15,
  usageSteady: 5,
  usageStarted: 10,
  noUsage: -5,
  recentDays: 7,
  recentBonus: 10,
  quietAfterDays: 21,
  quietCap: 25,
  noInteractionYet: -15,
  pilotBehindWeight: 30,
  pilotOnTrack: 5,
  pilotAllMet: 10,
  pilotFloor: -25,
  pilotCap: 10,
  stageWon: 10,
  stagePaused: -15,
  stageExit: -30,
} as const;

/** The health score (0–100) of one account and the reasons behind it. Pure: same inputs, same answer. */
export function computeHealth(inputs: HealthInputs): HealthScore {
  const reasons = [
    ...usageReasons(inputs.usage),
    ...recencyReasons(inputs),
    ...pilotReasons(inputs.pilots),
    ...stageReasons(inputs.stage),
  ];
  const total = reasons.reduce<number>((sum, reason) => sum + reason.impact, SCORE.base);
  return { score: clamp(Math.round(total), 0, 100), reasons };
}

function usageReasons({ last, previous }: HealthInputs['usage']): HealthReason[] {
  if (previous < SCORE.usageMinVolume) {
    if (last >= SCORE.usageMinVolume)
      return [
        reason(HealthReasonCode.USAGE_STARTED, `usage picked up: ${last} events over the last 14 days`, SCORE.usageStarted),
      ];
    if (last === 0 && previous === 0)
      return [reason(HealthReasonCode.NO_USAGE, 'no usage over the last 28 days', SCORE.noUsage)];
    return [];
  }
  const change = (last - previous) / previous;
  const percent = Math.round(Math.abs(change) * 100);
  if (change <= -SCORE.usageSteadyBand)
    return [
      reason(
        HealthReasonCode.USAGE_DOWN,
        `usage down ${percent}% over the last 14 days (${last} events vs ${previous})`,
        -Math.round(Math.min(1, -change) * SCORE.usageDownWeight),
      ),
    ];
  if (change >= SCORE.usageSteadyBand)
    return [
      reason(
        HealthReasonCode.USAGE_UP,
        `usage up ${percent}% over the last 14 days (${last} events vs ${previous})`,
        Math.min(SCORE.usageUpCap, Math.round(change * SCORE.usageUpWeight)),
      ),
    ];
  return [
    reason(
      HealthReasonCode.USAGE_STEADY,
      `usage steady over the last 14 days (${last} events vs ${previous})`,
      SCORE.usageSteady,
    ),
  ];
}

function recencyReasons({ lastInteractionAt, accountCreatedAt, now }: HealthInputs): HealthReason[] {
  if (!lastInteractionAt) {
    const age = daysSince(accountCreatedAt, now);
    return age > SCORE.quietAfterDays
      ? [
          reason(
            HealthReasonCode.NO_INTERACTION_YET,
            `no interaction logged since the account was created ${age} days ago`,
            SCORE.noInteractionYet,
          ),
        ]
      : [];
  }
  const days = daysSince(lastInteractionAt, now);
  if (days <= SCORE.recentDays)
    return [
      reason(
        HealthReasonCode.RECENT_INTERACTION,
        days === 0 ? 'last interaction today' : `last interaction ${days} ${days === 1 ? 'day' : 'days'} ago`,
        SCORE.recentBonus,
      ),
    ];
  if (days > SCORE.quietAfterDays)
    return [
      reason(
        HealthReasonCode.NO_RECENT_INTERACTION,
        `no interaction in ${days} days`,
        -Math.min(SCORE.quietCap, Math.round((days - 14) / 2)),
      ),
    ];
  return [];
}

function pilotReasons(pilots: PilotProgress[]): HealthReason[] {
  const reasons = pilots
    .filter((pilot) => pilot.criteriaTotal > 0)
    .map(({ name, criteriaMet, criteriaTotal, standing }) => {
      const lead = standing.elapsedShare - criteriaMet / criteriaTotal;
      const progress = `${criteriaMet} of ${criteriaTotal} criteria met`;
      const through = `${elapsedText(standing)} (${daysLeftText(standing.daysLeft)})`;
      if (criteriaMet >= criteriaTotal)
        return reason(HealthReasonCode.PILOT_CRITERIA_MET, `pilot '${name}' has met all ${criteriaTotal} criteria`, SCORE.pilotAllMet);
      if (standing.behind)
        return reason(
          HealthReasonCode.PILOT_BEHIND,
          `pilot '${name}' ${through} with ${progress}`,
          -Math.round(lead * SCORE.pilotBehindWeight),
        );
      return reason(HealthReasonCode.PILOT_ON_TRACK, `pilot '${name}' on track: ${through}, ${progress}`, SCORE.pilotOnTrack);
    });
  const total = reasons.reduce((sum, item) => sum + item.impact, 0);
  const capped = clamp(total, SCORE.pilotFloor, SCORE.pilotCap);
  if (capped !== total && reasons.length > 0) scaleImpacts(reasons, capped);
  return reasons;
}

/** Shrinks the pilot impacts so that they add up to `target`, keeping each one's sign. */
function scaleImpacts(reasons: HealthReason[], target: number): void {
  const total = reasons.reduce((sum, item) => sum + item.impact, 0);
  let left = target;
  reasons.forEach((item, index) => {
    item.impact = index === reasons.length - 1 ? left : Math.round((item.impact * target) / total);
    left -= item.impact;
  });
}

function stageReasons(stage: HealthInputs['stage']): HealthReason[] {
  switch (stage?.category) {
    case 'won':
      return [reason(HealthReasonCode.STAGE_WON, `account is in stage '${stage.name}'`, SCORE.stageWon)];
    case 'paused':
      return [reason(HealthReasonCode.STAGE_PAUSED, `account is paused (stage '${stage.name}')`, SCORE.stagePaused)];
    case 'lost':
      return [reason(HealthReasonCode.STAGE_EXIT, `account left the pipeline (stage '${stage.name}')`, SCORE.stageExit)];
    default:
      return [];
  }
}

function reason(code: HealthReasonCode, message: string, impact: number): HealthReason {
  return { code, message, impact };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
