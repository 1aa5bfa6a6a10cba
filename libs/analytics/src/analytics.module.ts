import { CrmLoaders, CrmModule } from '@greenlight/crm';
import { AccountHealthModule } from '@greenlight/health';
import { IdentityModule } from '@greenlight/identity';
import { PilotsModule } from '@greenlight/pilots';
import { TelemetryModule } from '@greenlight/telemetry';
import { Module, OnModuleInit } from '@nestjs/common';
import { DashboardCache } from './cache/dashboard-cache';
import { CompetitiveViewResolver, CompetitorStageResolver } from './competitive/competitive.resolver';
import { FunnelResolver, FunnelStepResolver, StageDurationResolver } from './funnel/funnel.resolver';
import { PipelineResolver, PipelineStageResolver } from './pipeline/pipeline.resolver';
import { PilotsDashboardResolver } from './pilots/pilots-dashboard.resolver';
import { RiskDashboardResolver } from './risk/risk.resolver';
import { MemberWeekActivityResolver, OverdueTasksResolver, TeamActivityResolver } from './team/team.resolver';
import { AccountUsageResolver, UsageDashboardResolver, UsageFiguresResolver } from './usage/usage.resolver';

/** Executive dashboards: GraphQL over the statistics services of the other contexts. */
@Module({
  imports: [IdentityModule, CrmModule, TelemetryModule, PilotsModule, AccountHealthModule],
  providers: [
    DashboardCache,
    PipelineResolver,
    PipelineStageResolver,
    FunnelResolver,
    FunnelStepResolver,
    StageDurationResolver,
    TeamActivityResolver,
    MemberWeekActivityResolver,
    OverdueTasksResolver,
    CompetitiveViewResolver,
    CompetitorStageResolver,
    UsageDashboardResolver,
    AccountUsageResolver,
    UsageFiguresResolver,
    PilotsDashboardResolver,
    RiskDashboardResolver,
  ],
})
export class AnalyticsModule implements OnModuleInit {
  constructor(
    private readonly cache: DashboardCache,
    private readonly crmLoaders: CrmLoaders,
  ) {}

  /** The pipeline now that stages count their accounts from is kept in the dashboards' cache. */
  onModuleInit(): void {
    this.crmLoaders.rememberFiguresWith((name, args, compute) => this.cache.remember(name, args, compute));
  }
}
