import { Day, daysSince } from '@greenlight/common';
import type { AlertThresholds } from '@greenlight/config';
import { daysLeftText, PilotRiskReason } from '@greenlight/pilots';
import { PilotProgress } from '../score/health-score';
import { AlertKind, AlertSeverity } from './alert.enums';

/** Stage keys whose accounts must hear from the team regularly. */
export const ATTENDED_STAGE_KEYS: readonly string[] = ['pilot', 'negotiation'];

export interface PilotFacts extends PilotProgress {
  id: string;
  endDate: Day;
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
      ...pilotEnding(pilot, thresholds),
      ...pilotBudget(pilot),
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

/** In its last `pilotEndingDays` days (by `daysLeft`) with criteria unmet; critical in the last 2. */
function pilotEnding(pilot: PilotFacts, thresholds: AlertThresholds): AlertCondition[] {
  const { daysLeft } = pilot.standing;
  if (daysLeft < 1 || daysLeft > thresholds.pilotEndingDays) return [];
  if (pilot.criteriaTotal === 0 || pilot.criteriaMet >= pilot.criteriaTotal) return [];
  return [
    {
      kind: AlertKind.PILOT_ENDING_UNMET,
      pilotId: pilot.id,
      severity: daysLeft <= 2 ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
      message: `pilot '${pilot.name}' has ${daysLeftText(daysLeft)} with ${pilot.criteriaMet} of ${pilot.criteriaTotal} criteria met`,
      details: { daysLeft, criteriaMet: pilot.criteriaMet, criteriaTotal: pilot.criteriaTotal, endDate: pilot.endDate },
    },
  ];
}

/** At risk for its budget by the pilots' rule (ALERT_PILOT_BUDGET_PERCENT); critical once all is spent. */
function pilotBudget(pilot: PilotFacts): AlertCondition[] {
  const spent = pilot.standing.budgetSpentPercent;
  if (spent === null || !pilot.standing.riskReasons.includes(PilotRiskReason.BUDGET_NEARLY_SPENT)) return [];
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
