import type { AlertThresholds } from '@greenlight/config';
import { addDays, DAY_MS, Day, dayOf, daysSince } from '../score/days';
import { AlertKind, AlertSeverity } from './alert.enums';

/** Stage keys whose accounts must hear from the team regularly. */
export const ATTENDED_STAGE_KEYS: readonly string[] = ['pilot', 'negotiation'];

export interface PilotFacts {
  id: string;
  name: string;
  startDate: Day;
  endDate: Day;
  criteriaTotal: number;
  criteriaMet: number;
  creditBudgetUsd: number;
  spentUsd: number;
}

/** What the rules read about one account. */
export interface AlertFacts {
  now: Date;
  accountCreatedAt: Date;
  usage: { last: number; previous: number };
  lastInteractionAt: Date | null;
  stage: { key: string; name: string } | null;
  /** The account's active pilots. */
  pilots: PilotFacts[];
}

/** A condition that holds now: the alert it keeps raised. */
export interface AlertCondition {
  kind: AlertKind;
  pilotId: string | null;
  severity: AlertSeverity;
  message: string;
  details: Record<string, number | string>;
}

/** Every alert condition that holds for one account. Pure. */
export function alertConditions(facts: AlertFacts, thresholds: AlertThresholds): AlertCondition[] {
  return [
    ...usageDrop(facts, thresholds),
    ...facts.pilots.flatMap((pilot) => [
      ...pilotEnding(pilot, facts.now, thresholds),
      ...pilotBudget(pilot, thresholds),
    ]),
    ...quiet(facts, thresholds),
  ];
}

function usageDrop({ usage }: AlertFacts, thresholds: AlertThresholds): AlertCondition[] {
  if (usage.previous < thresholds.usageDropMinEvents) return [];
  const drop = Math.round(((usage.previous - usage.last) / usage.previous) * 100);
  if (drop < thresholds.usageDropPercent) return [];
  return [
    {
      kind: AlertKind.USAGE_DROP,
      pilotId: null,
      severity: drop >= 80 ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
      message: `usage down ${drop}% over the last 14 days (${usage.last} events vs ${usage.previous})`,
      details: { dropPercent: drop, lastEvents: usage.last, previousEvents: usage.previous },
    },
  ];
}

function pilotEnding(pilot: PilotFacts, now: Date, thresholds: AlertThresholds): AlertCondition[] {
  const today = dayOf(now);
  if (pilot.endDate < today || pilot.endDate > addDays(today, thresholds.pilotEndingDays)) return [];
  if (pilot.criteriaTotal === 0 || pilot.criteriaMet >= pilot.criteriaTotal) return [];
  const daysLeft = Math.round((Date.parse(`${pilot.endDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  const when = daysLeft === 0 ? 'ends today' : `ends in ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'}`;
  return [
    {
      kind: AlertKind.PILOT_ENDING_UNMET,
      pilotId: pilot.id,
      severity: daysLeft <= 2 ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
      message: `pilot '${pilot.name}' ${when} with ${pilot.criteriaMet} of ${pilot.criteriaTotal} criteria met`,
      details: { daysLeft, criteriaMet: pilot.criteriaMet, criteriaTotal: pilot.criteriaTotal, endDate: pilot.endDate },
    },
  ];
}

function pilotBudget(pilot: PilotFacts, thresholds: AlertThresholds): AlertCondition[] {
  if (pilot.creditBudgetUsd <= 0) return [];
  const spent = Math.floor((pilot.spentUsd / pilot.creditBudgetUsd) * 100);
  if (spent < thresholds.pilotBudgetPercent) return [];
  return [
    {
      kind: AlertKind.PILOT_BUDGET_SPENT,
      pilotId: pilot.id,
      severity: spent >= 100 ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
      message: `pilot '${pilot.name}' has spent ${spent}% of its ${usd(pilot.creditBudgetUsd)} credit (${usd(pilot.spentUsd)})`,
      details: { spentPercent: spent, spentUsd: pilot.spentUsd, creditBudgetUsd: pilot.creditBudgetUsd },
    },
  ];
}

function quiet(facts: AlertFacts, thresholds: AlertThresholds): AlertCondition[] {
  if (!facts.stage || !ATTENDED_STAGE_KEYS.includes(facts.stage.key)) return [];
  const days = daysSince(facts.lastInteractionAt ?? facts.accountCreatedAt, facts.now);
  if (days < thresholds.quietDays) return [];
  const silence = facts.lastInteractionAt ? `no interaction in ${days} days` : `no interaction logged in ${days} days`;
  return [
    {
      kind: AlertKind.NO_RECENT_INTERACTION,
      pilotId: null,
      severity: days >= 2 * thresholds.quietDays ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
      message: `${silence} while in stage '${facts.stage.name}'`,
      details: { days, stage: facts.stage.key },
    },
  ];
}

function usd(amount: number): string {
  return `$${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
}
