import { ApiKeys, SignedIn } from '@greenlight/identity';
import { Connection, LoaderRegistry, Loaders } from '@greenlight/common';
import { Account, CrmLoaders, FunnelStatistics, Stage } from '@greenlight/crm';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountPageArgs } from '../drill-down/account-page.args';
import {
  accountConnection,
  DashboardAccountConnection,
  pageLoader,
  pageRequest,
} from '../drill-down/account-connection';
import { DashboardCache } from '../cache/dashboard-cache';
import { scopeOf } from '../inputs/dashboard-filter.input';
import { toPeriod } from '../inputs/dashboard-period.input';
import { PeriodArgs } from '../inputs/period.args';
import { Funnel, FunnelStep, StageDuration } from './funnel.types';

@SignedIn()
@ApiKeys('read')
@Resolver(() => Funnel)
export class FunnelResolver {
  constructor(
    private readonly statistics: FunnelStatistics,
    private readonly cache: DashboardCache,
  ) {}

  @Query(() => Funnel, { description: 'Stage-to-stage conversion and time in stage over a period.' })
  funnel(@Args() { period, filter }: PeriodArgs): Funnel {
    return { from: period.from, to: period.to, period: toPeriod(period), scope: scopeOf(filter) };
  }

  @ResolveField(() => [FunnelStep], { description: 'The open and won stages in pipeline order.' })
  async steps(@Parent() funnel: Funnel): Promise<FunnelStep[]> {
    const steps = await this.cache.remember('funnel.steps', [funnel.period, funnel.scope], () =>
      this.statistics.steps(funnel.period, funnel.scope),
    );
    return steps.map((step) => ({
      ...step,
      conversionRate: step.converted === null || step.entered === 0 ? null : step.converted / step.entered,
      period: funnel.period,
      scope: funnel.scope,
    }));
  }

  @ResolveField(() => [StageDuration], { description: 'Every stage entered during the period.' })
  timeInStage(@Parent() funnel: Funnel): Promise<StageDuration[]> {
    return this.cache.remember('funnel.durations', [funnel.period, funnel.scope], () =>
      this.statistics.durations(funnel.period, funnel.scope),
    );
  }
}

@Resolver(() => FunnelStep)
export class FunnelStepResolver {
  constructor(
    private readonly statistics: FunnelStatistics,
    private readonly loaders: CrmLoaders,
  ) {}

  @ResolveField(() => Stage)
  async stage(@Parent() step: FunnelStep, @Loaders() registry: LoaderRegistry): Promise<Stage> {
    return (await this.loaders.stage(registry).load(step.stageId))!;
  }

  @ResolveField(() => Stage, { nullable: true })
  nextStage(@Parent() step: FunnelStep, @Loaders() registry: LoaderRegistry): Promise<Stage | null> | null {
    return step.nextStageId ? this.loaders.stage(registry).load(step.nextStageId) : null;
  }

  @ResolveField(() => DashboardAccountConnection, { description: 'The accounts that entered the stage, by name.' })
  enteredAccounts(
    @Parent() step: FunnelStep,
    @Args() args: AccountPageArgs,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Connection<Account>> {
    return this.page(step, false, args, registry);
  }

  @ResolveField(() => DashboardAccountConnection, { description: 'The accounts that then entered the next stage.' })
  convertedAccounts(
    @Parent() step: FunnelStep,
    @Args() args: AccountPageArgs,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Connection<Account>> {
    return this.page(step, true, args, registry);
  }

  private async page(step: FunnelStep, converted: boolean, args: AccountPageArgs, registry: LoaderRegistry) {
    const request = pageRequest(args);
    const loader = pageLoader(
      registry,
      `funnel:${JSON.stringify([converted, step.period, step.scope])}`,
      request,
      (keys, page) => this.statistics.accounts(keys, converted, step.period, step.scope, page),
    );
    const total = converted ? (step.converted ?? 0) : step.entered;
    return accountConnection(await loader.load(step.stageId), total, Boolean(args.after), this.loaders, registry);
  }
}

@Resolver(() => StageDuration)
export class StageDurationResolver {
  constructor(private readonly loaders: CrmLoaders) {}

  @ResolveField(() => Stage)
  async stage(@Parent() duration: StageDuration, @Loaders() registry: LoaderRegistry): Promise<Stage> {
    return (await this.loaders.stage(registry).load(duration.stageId))!;
  }
}
