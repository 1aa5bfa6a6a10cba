import type { PilotRiskSettings } from '@greenlight/config';
import { Day, daysBetween } from '@greenlight/common';
import { PilotRiskReason, PilotStatus } from '../enums';

/**
 * The one rule of a pilot's time and risk, read by the pilot itself, health, alerts and the
 * dashboard (docs/pilots.md, "Time and risk"). A pilot runs from its start date to its end date,
 * both UTC days and both included; it is judged on the UTC day of the moment asked about.
 */

/** How far the share of days gone by may run ahead of the share of criteria met. */
export const CRITERIA_LAG_ALLOWED = 0.25;

export interface PilotDates {
  startDate: Day;
  endDate: Day;
}

export interface PilotTime {
  /** The UTC day judged on. */
  today: Day;
  /** Days of the pilot, first and last included. */
  days: number;
  /** Days of the pilot over before today: 0 up to its first day, all of them after its last. */
  daysElapsed: number;
  /** Days from today to the end date, both included: 1 on the last day, 0 once it has passed. */
  daysLeft: number;
  /** daysElapsed / days: 0 on the first day, 1 after the last. */
  elapsedShare: number;
}

export interface PilotProgressFigures {
  criteriaMet: number;
  criteriaTotal: number;
  budget: { creditUsd: number; spentUsd: number };
}

export interface PilotStanding extends PilotTime {
  /** Criteria met lag behind the days gone by (BEHIND_CRITERIA). */
  behind: boolean;
  /** Whole percent of the credit spent, rounded down; null without a credit. */
  budgetSpentPercent: number | null;
  /** Why the pilot is at risk; only ACTIVE pilots are judged, the others never are. */
  riskReasons: PilotRiskReason[];
  atRisk: boolean;
}

export function pilotTime({ startDate, endDate }: PilotDates, today: Day): PilotTime {
  const days = Math.max(1, daysBetween(startDate, endDate) + 1);
  const daysElapsed = Math.min(days, Math.max(0, daysBetween(startDate, today)));
  const daysLeft = Math.max(0, daysBetween(today, endDate) + 1);
  return { today, days, daysElapsed, daysLeft, elapsedShare: daysElapsed / days };
}

/**
 * Behind: the share of days gone by is more than CRITERIA_LAG_ALLOWED ahead of the share of criteria
 * met. A pilot without criteria, or with all of them met, is never behind. Compared in whole
 * numbers (daysElapsed / days − met / total > 1/4), so no rounding decides.
 */
export function isBehind(time: PilotTime, criteriaMet: number, criteriaTotal: number): boolean {
  if (criteriaTotal <= 0 || criteriaMet >= criteriaTotal) return false;
  const lead = time.daysElapsed * criteriaTotal - criteriaMet * time.days;
  return lead > CRITERIA_LAG_ALLOWED * time.days * criteriaTotal;
}

/** Whole percent of the credit spent, rounded down, from the amounts in cents; null without a credit. */
export function budgetSpentPercent({ creditUsd, spentUsd }: PilotProgressFigures['budget']): number | null {
  const credit = Math.round(creditUsd * 100);
  return credit > 0 ? Math.floor((Math.round(spentUsd * 100) * 100) / credit) : null;
}

/** Time, behind and at risk of one pilot on `today`. */
export function pilotStanding(
  pilot: PilotDates & { status: PilotStatus },
  progress: PilotProgressFigures,
  today: Day,
  settings: PilotRiskSettings,
): PilotStanding {
  const time = pilotTime(pilot, today);
  const judged = pilot.status === PilotStatus.ACTIVE;
  const behind = judged && isBehind(time, progress.criteriaMet, progress.criteriaTotal);
  const spentPercent = budgetSpentPercent(progress.budget);
  const riskReasons = [
    ...(behind ? [PilotRiskReason.BEHIND_CRITERIA] : []),
    ...(judged && spentPercent !== null && spentPercent >= settings.budgetPercent
      ? [PilotRiskReason.BUDGET_NEARLY_SPENT]
      : []),
  ];
  return { ...time, behind, budgetSpentPercent: spentPercent, riskReasons, atRisk: riskReasons.length > 0 };
}

/** "1 day left", "6 days left": the words every surface uses for `daysLeft`. */
export function daysLeftText(daysLeft: number): string {
  return `${daysLeft} ${daysLeft === 1 ? 'day' : 'days'} left`;
}

/** "85% through its time": the words for `elapsedShare`, in whole percent. */
export function elapsedText(time: Pick<PilotTime, 'elapsedShare'>): string {
  return `${Math.round(time.elapsedShare * 100)}% through its time`;
}
