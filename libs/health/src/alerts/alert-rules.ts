import { addDays, Day, dayOf, daysBetween, daysSince } from '@greenlight/common';
import { CreditUnit, GrantUsageFigures } from '@greenlight/grants';
import type { AlertThresholds } from '@greenlight/config';
import { daysLeftText, PilotRiskReason } from '@greenlight/pilots';
import { PilotProgress } from '../score/health-score';
import { AlertKind, AlertSeverity } from './alert.enums';

/** Stage keys whose accounts must hear from the team regularly. */
const ATTENDED_STAGE_KEYS: readonly string[] = ['pilot', 'negotiation'];

export interface PilotFacts extends PilotProgress {
  id: string;
  endDate: Day;
  creditBudgetUsd: number;
  spentUsd: number;
}

/** Days before its last day from which a grant in use raises an alert. */
const GRANT_EXPIRING_DAYS = 7;
/** A grant counts as in use with use within this many days. */
const GRANT_IN_USE_DAYS = 14;
/** Accounts of this tier raise an alert for a dormant grant. */
const STRATEGIC_TIER = 'strategic';

/** An ACTIVE grant of the account (or of one of its people), with its use. */
export interface GrantFacts {
  id: string;
  /** Who holds it, for messages: "the account" or the person's name. */
  holder: string;
  expiresOn: Day | null;
  creditUnit: CreditUnit | null;
  creditLimit: number | null;
  usage: GrantUsageFigures;
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
  tier: string | null;
  /** ACTIVE grants of the account and of its people (current positions). */
  grants: GrantFacts[];
}

/** A condition that holds now: the alert it keeps raised. */
export interface AlertCondition {
  kind: AlertKind;
  pilotId: string | null;
  /** The grant the alert is about; absent for the others. */
  grantId?: string | null;
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
    ...facts.grants.flatMap((grant) => [
      ...grantCredit(grant, thresholds),
      ...grantExpiring(grant, facts.now),
      ...grantDormant(grant, facts.tier),
    ]),
  ];
}

function grantAlert(
  grant: GrantFacts,
  kind: AlertKind,
  severity: AlertSeverity,
  message: string,
  details: AlertCondition['details'],
): AlertCondition {
  return { kind, pilotId: null, grantId: grant.id, severity, message, details };
}

/** Credits used at or past ALERT_GRANT_CREDIT_PERCENT of the limit; critical once all are used. */
function grantCredit(grant: GrantFacts, thresholds: AlertThresholds): AlertCondition[] {
  const { creditsUsedPercent: percent, creditsUsed } = grant.usage;
  if (percent === null || creditsUsed === null || percent < thresholds.grantCreditPercent) return [];
  const amount = (value: number) =>
    grant.creditUnit === CreditUnit.USD ? usd(value) : `${value} generations`;
  const about = grant.usage.creditsUsedEstimated ? 'about ' : '';
  return [
    grantAlert(
      grant,
      AlertKind.GRANT_CREDIT_NEARLY_SPENT,
      percent >= 100 ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
      `access grant of ${grant.holder} has used ${about}${percent}% of its ${amount(grant.creditLimit!)} credits (${about}${amount(creditsUsed)})`,
      { usedPercent: percent, creditsUsed, creditLimit: grant.creditLimit! },
    ),
  ];
}

/** Last day within GRANT_EXPIRING_DAYS while used within GRANT_IN_USE_DAYS. */
function grantExpiring(grant: GrantFacts, now: Date): AlertCondition[] {
  if (!grant.expiresOn || !grant.usage.lastUseOn) return [];
  const today = dayOf(now);
  const daysLeft = daysBetween(today, grant.expiresOn) + 1;
  if (daysLeft < 1 || daysLeft > GRANT_EXPIRING_DAYS) return [];
  if (grant.usage.lastUseOn <= addDays(today, -GRANT_IN_USE_DAYS)) return [];
  return [
    grantAlert(
      grant,
      AlertKind.GRANT_EXPIRING_IN_USE,
      AlertSeverity.WARNING,
      `access grant of ${grant.holder} ends in ${daysLeft === 1 ? '1 day' : `${daysLeft} days`} (${grant.expiresOn}) and was used on ${grant.usage.lastUseOn}`,
      { daysLeft, expiresOn: grant.expiresOn, lastUseOn: grant.usage.lastUseOn },
    ),
  ];
}

/** A dormant grant (see GrantUsageFigures.dormant) of a strategic account. */
function grantDormant(grant: GrantFacts, tier: string | null): AlertCondition[] {
  if (!grant.usage.dormant || tier?.toLowerCase() !== STRATEGIC_TIER) return [];
  const since = grant.usage.lastUseOn ? `since ${grant.usage.lastUseOn}` : 'since it started';
  return [
    grantAlert(
      grant,
      AlertKind.GRANT_DORMANT,
      AlertSeverity.WARNING,
      `access grant of ${grant.holder} at a strategic account is unused ${since}`,
      { lastUseOn: grant.usage.lastUseOn ?? '' },
    ),
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
