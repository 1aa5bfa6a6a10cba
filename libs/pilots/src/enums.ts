import { registerEnumType } from '@nestjs/graphql';

export enum PilotIntegrationKind {
  API = 'api',
  EDITING_SUITE_PLUGIN = 'editing_suite_plugin',
  PIPELINE_INTEGRATION = 'pipeline_integration',
  CREATIVE_SPRINT = 'creative_sprint',
}

export enum PilotStatus {
  PROPOSED = 'proposed',
  SCOPING = 'scoping',
  ACTIVE = 'active',
  PAUSED = 'paused',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
  CONVERTED = 'converted',
}

/** What a success criterion measures: every metric but MANUAL is read from the usage rollups. */
export enum PilotMetric {
  GENERATIONS = 'generations',
  VIDEO_SECONDS = 'video_seconds',
  ACTIVE_USERS = 'active_users',
  SUCCESS_RATE = 'success_rate',
  MEDIAN_RENDER_SECONDS = 'median_render_seconds',
  SPEND_USD = 'spend_usd',
  MANUAL = 'manual',
}

export enum PilotComparator {
  AT_LEAST = 'at_least',
  AT_MOST = 'at_most',
}

export enum TrendDirection {
  UP = 'up',
  DOWN = 'down',
  FLAT = 'flat',
}

registerEnumType(PilotIntegrationKind, { name: 'PilotIntegrationKind' });
registerEnumType(PilotStatus, { name: 'PilotStatus' });
registerEnumType(PilotMetric, { name: 'PilotMetric' });
registerEnumType(PilotComparator, { name: 'PilotComparator' });
registerEnumType(TrendDirection, { name: 'TrendDirection' });

/** Why an active pilot is at risk (see `pilotStanding`). */
export enum PilotRiskReason {
  BEHIND_CRITERIA = 'behind_criteria',
  BUDGET_NEARLY_SPENT = 'budget_nearly_spent',
}

registerEnumType(PilotRiskReason, {
  name: 'PilotRiskReason',
  valuesMap: {
    BEHIND_CRITERIA: { description: 'The share of days gone by is more than 0.25 ahead of the share of criteria met.' },
    BUDGET_NEARLY_SPENT: {
      description: 'At least ALERT_PILOT_BUDGET_PERCENT percent (90 by default) of the credit budget is spent.',
    },
  },
});
