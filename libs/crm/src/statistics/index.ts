import { CompetitorStatistics } from './competitor.statistics';
import { FunnelStatistics } from './funnel.statistics';
import { PipelineStatistics } from './pipeline.statistics';
import { TeamStatistics } from './team.statistics';

export { CompetitorStatistics, FunnelStatistics, PipelineStatistics, TeamStatistics };
export type { AccountScope } from './account-scope';
export { accountCondition, accountScopeSql, narrowsAccounts } from './account-scope';
export { EXAMPLE_PERIOD, EXAMPLE_SCOPES } from './examples';
export type { AccountPage, AccountPageRequest } from './account-pages';
export * from './statistics.types';

/** Read-only aggregates over the CRM tables, for dashboards. */
export const CRM_STATISTICS = [
  PipelineStatistics,
  FunnelStatistics,
  TeamStatistics,
  CompetitorStatistics,
];
