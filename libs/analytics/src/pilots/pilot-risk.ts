import { registerEnumType } from '@nestjs/graphql';

export enum PilotRiskReason {
  BEHIND_CRITERIA = 'behind_criteria',
  BUDGET_NEARLY_SPENT = 'budget_nearly_spent',
}

registerEnumType(PilotRiskReason, {
  name: 'PilotRiskReason',
  valuesMap: {
    BEHIND_CRITERIA: { description: 'The share of days gone by is more than 0.25 ahead of the share of criteria met.' },
    BUDGET_NEARLY_SPENT: { description: 'More than 90% of the credit budget is spent.' },
  },
});

/** How far the share of days gone by may run ahead of the share of criteria met. */
export const CRITERIA_LAG_ALLOWED = 0.25;
/** Above this share of its credit spent, a pilot is at risk. */
export const BUDGET_SHARE_LIMIT = 0.9;

/** Why an active pilot is at risk; empty when it is not. */
export function pilotRisks(figures: {
  elapsedShare: number;
  criteriaMet: number;
  criteriaTotal: number;
  spentShare: number;
}): PilotRiskReason[] {
  const reasons: PilotRiskReason[] = [];
  const metShare = figures.criteriaTotal > 0 ? figures.criteriaMet / figures.criteriaTotal : null;
  if (metShare !== null && figures.elapsedShare - metShare > CRITERIA_LAG_ALLOWED)
    reasons.push(PilotRiskReason.BEHIND_CRITERIA);
  if (figures.spentShare > BUDGET_SHARE_LIMIT) reasons.push(PilotRiskReason.BUDGET_NEARLY_SPENT);
  return reasons;
}
