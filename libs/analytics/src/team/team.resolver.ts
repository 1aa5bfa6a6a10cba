import { DAY_MS, LoaderRegistry, Loaders } from '@greenlight/common';
import { InteractionKind, TeamStatistics } from '@greenlight/crm';
import { ApiKeys, IdentityLoaders, MemberNode, Membership, SignedIn } from '@greenlight/identity';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DashboardCache } from '../cache/dashboard-cache';
import { scopeOf } from '../inputs/dashboard-filter.input';
import { Period, toPeriod } from '../inputs/dashboard-period.input';
import { PeriodArgs } from '../inputs/period.args';
import { MemberWeekActivity, OverdueTasks, TeamActivity } from './team.types';


/** Monday of every UTC week that `period` touches. */
export function weeksOf(period: Period): string[] {
  const start = new Date(period.from.getTime() - ((period.from.getUTCDay() + 6) % 7) * DAY_MS);
  const weeks: string[] = [];
  for (let monday = start; monday < period.to; monday = new Date(monday.getTime() + 7 * DAY_MS))
    weeks.push(monday.toISOString().slice(0, 10));
  return weeks;
}

@SignedIn()
@ApiKeys('read')
@Resolver(() => TeamActivity)
export class TeamActivityResolver {
  constructor(
    private readonly statistics: TeamStatistics,
    private readonly cache: DashboardCache,
    private readonly identity: IdentityLoaders,
  ) {}

  @Query(() => TeamActivity, {
    description: 'Interactions per member per week by kind over a period, and overdue tasks per assignee now.',
  })
  async teamActivity(@Args() { period, filter }: PeriodArgs): Promise<TeamActivity> {
    const checked = toPeriod(period);
    const scope = scopeOf(filter);
    // overdue as of the current minute, so that answers of the same minute are shared
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const [interactions, overdue] = await Promise.all([
      this.cache.remember('team.interactions', [checked, scope], () => this.statistics.interactionsPerWeek(checked, scope)),
      this.cache.remember('team.overdue', [now, scope], () => this.statistics.overdueTasks(now, scope)),
    ]);
    return {
      from: period.from,
      to: period.to,
      weeks: weeksOf(checked),
      interactions: interactions.map((row) => ({ ...row, kind: row.kind as InteractionKind })),
      overdueTasks: overdue,
    };
  }

  @ResolveField(() => [MemberNode], {
    description:
      'Each member counted in interactions, once (former members left out): their names without one look-up per row.',
  })
  async members(@Parent() activity: TeamActivity, @Loaders() registry: LoaderRegistry): Promise<Membership[]> {
    const ids = [...new Set(activity.interactions.map((row) => row.memberId))];
    const found = await this.identity.member(registry).loadMany(ids);
    return found.filter((member): member is Membership => Boolean(member) && !(member instanceof Error));
  }
}

@Resolver(() => MemberWeekActivity)
export class MemberWeekActivityResolver {
  constructor(private readonly identity: IdentityLoaders) {}

  @ResolveField(() => MemberNode, { nullable: true })
  member(@Parent() row: MemberWeekActivity, @Loaders() registry: LoaderRegistry): Promise<Membership | null> {
    return this.identity.member(registry).load(row.memberId);
  }
}

@Resolver(() => OverdueTasks)
export class OverdueTasksResolver {
  constructor(private readonly identity: IdentityLoaders) {}

  @ResolveField(() => MemberNode, { nullable: true })
  assignee(@Parent() row: OverdueTasks, @Loaders() registry: LoaderRegistry): Promise<Membership | null> | null {
    return row.assigneeId ? this.identity.member(registry).load(row.assigneeId) : null;
  }
}
