import { ApiKeys, SignedIn } from '@greenlight/identity';
import { LoaderRegistry, Loaders } from '@greenlight/common';
import { Account, CrmLoaders } from '@greenlight/crm';
import {
  AccountRanking,
  AccountUsageSums,
  previousWindow,
  UsageSeries,
  UsageStatistics,
  UsageSums,
} from '@greenlight/telemetry';
import { Args, ArgsType, Field, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { DashboardCache } from '../cache/dashboard-cache';
import { DashboardFilter, scopeOf } from '../inputs/dashboard-filter.input';
import { DashboardPeriod, toPeriod } from '../inputs/dashboard-period.input';
import {
  AccountUsage,
  UnattributedUsage,
  UsageBucket,
  UsageDashboard,
  UsageFiguresNode,
  UsageGranularity,
  UsageMeasure,
} from './usage.types';

@ArgsType()
class UsageDashboardArgs {
  @Field(() => DashboardPeriod)
  @ValidateNested()
  @Type(() => DashboardPeriod)
  period: DashboardPeriod;

  @Field(() => DashboardFilter, { nullable: true, description: 'Applies to the per-account figures.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DashboardFilter)
  filter?: DashboardFilter;

  @Field(() => UsageGranularity, { nullable: true, defaultValue: UsageGranularity.DAY })
  @IsOptional()
  @IsEnum(UsageGranularity, { message: 'granularity must be DAY or WEEK' })
  granularity?: UsageGranularity;

  @Field(() => UsageMeasure, { nullable: true, defaultValue: UsageMeasure.GENERATIONS })
  @IsOptional()
  @IsEnum(UsageMeasure, { message: 'rankBy must be a usage measure' })
  rankBy?: UsageMeasure;

  @Field(() => Int, { nullable: true, defaultValue: 10, description: 'Top accounts and movers listed (1 to 50).' })
  @IsOptional()
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(50, { message: 'limit must be at most 50' })
  limit?: number;
}

/** Work shared by the fields of one answer, started by the first field that needs it. */
const memo = new WeakMap<UsageDashboard, Map<string, Promise<unknown>>>();
function once<T>(dashboard: UsageDashboard, key: string, work: () => Promise<T>): Promise<T> {
  const cache = memo.get(dashboard) ?? new Map<string, Promise<unknown>>();
  memo.set(dashboard, cache);
  if (!cache.has(key)) cache.set(key, work());
  return cache.get(key) as Promise<T>;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Sums with their distinct users, counted only when an answer asks for them. */
const figures = (sums: UsageSums, users: () => Promise<number>): UsageFiguresNode => ({ ...sums, activeUsers: users });

@SignedIn()
@ApiKeys('read')
@Resolver(() => UsageDashboard)
export class UsageDashboardResolver {
  constructor(
    private readonly statistics: UsageStatistics,
    private readonly cache: DashboardCache,
  ) {}

  /** A figure of the dashboard, computed once per answer and kept in the dashboard cache. */
  private once<T>(dashboard: UsageDashboard, key: string, work: () => Promise<T>, args: unknown = null): Promise<T> {
    const { window, granularity, scope, rankBy, limit } = dashboard;
    return once(dashboard, key, () =>
      this.cache.remember(`usage.${key}`, [window, granularity, scope, rankBy, limit, args], work),
    );
  }

  @Query(() => UsageDashboard, {
    description:
      'Generator usage over a period from the usage rollups: workspace and per-account totals by day or week, top accounts, biggest movers and the unattributed share.',
  })
  usageDashboard(@Args() args: UsageDashboardArgs): UsageDashboard {
    const period = toPeriod(args.period);
    const window = { from: period.fromDay, to: period.toDay };
    const previous = previousWindow(window);
    return {
      from: window.from,
      to: window.to,
      previousFrom: previous.from,
      previousTo: previous.to,
      granularity: args.granularity ?? UsageGranularity.DAY,
      rankBy: args.rankBy ?? UsageMeasure.GENERATIONS,
      window,
      limit: args.limit ?? 10,
      scope: scopeOf(args.filter),
    };
  }

  private seriesOf(dashboard: UsageDashboard): Promise<UsageSeries> {
    return this.once(dashboard, 'series', () =>
      this.statistics.series(dashboard.window, dashboard.granularity, dashboard.scope),
    );
  }

  /** Distinct users of the workspace or of the filter's accounts, in `bucket` (`''`: the period). */
  private users(dashboard: UsageDashboard, whose: 'workspace' | 'accounts', bucket: string): () => Promise<number> {
    return async () => {
      const users = await this.once(dashboard, `users:${whose}`, () =>
        this.statistics.users(whose === 'workspace' ? 'workspace' : dashboard.scope, dashboard.window, dashboard.granularity),
      );
      return users.get(bucket) ?? 0;
    };
  }

  private ranking(dashboard: UsageDashboard): Promise<AccountRanking> {
    return this.once(dashboard, 'ranking', () =>
      this.statistics.ranking(dashboard.window, dashboard.scope, dashboard.rankBy, dashboard.limit),
    );
  }

  @ResolveField(() => UsageFiguresNode, { description: 'Every event of the workspace over the period.' })
  async workspace(@Parent() dashboard: UsageDashboard): Promise<UsageFiguresNode> {
    return figures((await this.seriesOf(dashboard)).workspace, this.users(dashboard, 'workspace', ''));
  }

  @ResolveField(() => UsageFiguresNode, { description: "The filter's accounts together over the period." })
  async accounts(@Parent() dashboard: UsageDashboard): Promise<UsageFiguresNode> {
    return figures((await this.seriesOf(dashboard)).accounts, this.users(dashboard, 'accounts', ''));
  }

  @ResolveField(() => [UsageBucket], { description: 'Every day (or week) of the period, zeros included.' })
  async series(@Parent() dashboard: UsageDashboard): Promise<UsageBucket[]> {
    return (await this.seriesOf(dashboard)).buckets.map((bucket) => ({
      start: bucket.start,
      workspace: figures(bucket.workspace, this.users(dashboard, 'workspace', bucket.start)),
      accounts: figures(bucket.accounts, this.users(dashboard, 'accounts', bucket.start)),
    }));
  }

  @ResolveField(() => [AccountUsage], { description: "The filter's accounts with the most usage, by rankBy." })
  async topAccounts(@Parent() dashboard: UsageDashboard): Promise<AccountUsage[]> {
    return (await this.ranking(dashboard)).top.map((entry) => this.withChange(entry, dashboard));
  }

  @ResolveField(() => [AccountUsage], {
    description: 'The accounts whose rankBy measure changed most against the previous period, up or down.',
  })
  async movers(@Parent() dashboard: UsageDashboard): Promise<AccountUsage[]> {
    return (await this.ranking(dashboard)).movers.map((entry) => this.withChange(entry, dashboard));
  }

  @ResolveField(() => UnattributedUsage, { description: 'Regardless of the filter: the whole workspace.' })
  async unattributed(@Parent() dashboard: UsageDashboard): Promise<UnattributedUsage> {
    const { workspace, attributed } = await this.once(dashboard, 'attribution', () =>
      this.statistics.attribution(dashboard.window),
    );
    const rest = {
      events: workspace.events - attributed.events,
      generations: workspace.generations - attributed.generations,
      videoSeconds: workspace.videoSeconds - attributed.videoSeconds,
      costUsd: Math.round((workspace.costUsd - attributed.costUsd) * 1e6) / 1e6,
    };
    return {
      ...rest,
      eventsShare: share(rest.events, workspace.events),
      generationsShare: share(rest.generations, workspace.generations),
      videoSecondsShare: share(rest.videoSeconds, workspace.videoSeconds),
      costUsdShare: share(rest.costUsd, workspace.costUsd),
    };
  }

  private withChange(entry: AccountUsageSums, dashboard: UsageDashboard): AccountUsage {
    const before = entry.previous[dashboard.rankBy];
    const change = entry.current[dashboard.rankBy] - before;
    const users = (current: boolean) => async () => {
      const ranking = await this.ranking(dashboard);
      const listed = [...new Set([...ranking.top, ...ranking.movers].map((each) => each.accountId))];
      const counts = await this.once(
        dashboard,
        'rankedUsers',
        () => this.statistics.usersOfAccounts(listed, dashboard.window),
        listed,
      );
      return counts.get(`${entry.accountId}|${current}`) ?? 0;
    };
    return {
      accountId: entry.accountId,
      current: figures(entry.current, users(true)),
      previous: figures(entry.previous, users(false)),
      change,
      changeRatio: before > 0 ? change / before : null,
    };
  }
}

@Resolver(() => UsageFiguresNode)
export class UsageFiguresResolver {
  @ResolveField(() => Int, { description: 'Distinct generator users (by email) over those days.' })
  activeUsers(@Parent() figures: UsageFiguresNode): Promise<number> {
    return figures.activeUsers();
  }
}

@Resolver(() => AccountUsage)
export class AccountUsageResolver {
  constructor(private readonly loaders: CrmLoaders) {}

  @ResolveField(() => Account)
  async account(@Parent() row: AccountUsage, @Loaders() registry: LoaderRegistry): Promise<Account> {
    return (await this.loaders.account(registry).load(row.accountId))!;
  }
}
