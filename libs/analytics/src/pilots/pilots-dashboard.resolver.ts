import { ApiKeys, SignedIn } from '@greenlight/identity';
import { dayOf, LoaderRegistry, Loaders } from '@greenlight/common';
import { Account, CrmLoaders } from '@greenlight/crm';
import { PilotEvaluator, PilotStatistics } from '@greenlight/pilots';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { DashboardCache } from '../cache/dashboard-cache';
import { scopeOf } from '../inputs/dashboard-filter.input';
import { toPeriod } from '../inputs/dashboard-period.input';
import { PeriodArgs } from '../inputs/period.args';
import { ActivePilotFigure, PilotsDashboard } from './pilots-dashboard.types';

@SignedIn()
@ApiKeys('read')
@Resolver(() => PilotsDashboard)
export class PilotsDashboardResolver {
  constructor(
    private readonly statistics: PilotStatistics,
    private readonly evaluator: PilotEvaluator,
    private readonly cache: DashboardCache,
    private readonly crm: CrmLoaders,
  ) {}

  @Query(() => PilotsDashboard, {
    description:
      'Active pilots with criteria progress, time and budget left and a risk flag; pilot outcomes per month.',
  })
  async pilotsDashboard(
    @Args() { period, filter }: PeriodArgs,
    @Loaders() registry: LoaderRegistry,
  ): Promise<PilotsDashboard> {
    const checked = toPeriod(period);
    const scope = scopeOf(filter);
    const now = new Date();
    const today = dayOf(now);
    const [active, outcomes] = await Promise.all([
      // progress and standing of the active pilots, at risk first, then soonest ending, with their
      // accounts: kept with the data version they were computed at
      this.cache.remember('pilots.active', [scope, today], async () => {
        const pilots = (
          await this.evaluator.activeProgress(await this.statistics.accountsWithActivePilots(scope), registry, now)
        ).map(
          ({ pilot, criteriaMet, criteriaTotal, budget, standing }): ActivePilotFigure => ({
            pilot,
            criteriaMet,
            criteriaTotal,
            criteriaMetShare: criteriaTotal > 0 ? criteriaMet / criteriaTotal : null,
            daysLeft: standing.daysLeft,
            elapsedShare: standing.elapsedShare,
            budget,
            atRisk: standing.atRisk,
            riskReasons: standing.riskReasons,
          }),
        );
        pilots.sort(
          (a, b) =>
            Number(b.atRisk) - Number(a.atRisk) || a.daysLeft - b.daysLeft || (a.pilot.id < b.pilot.id ? -1 : 1),
        );
        const accounts = await this.crm.account(registry).loadMany(pilots.map(({ pilot }) => pilot.accountId));
        const found = accounts.filter((account): account is Account => Boolean(account) && !(account instanceof Error));
        return { pilots, accounts: found };
      }),
      this.cache.remember('pilots.outcomes', [checked.from, checked.to, scope], () =>
        this.statistics.outcomesByMonth(checked.from, checked.to, scope),
      ),
    ]);
    // a kept answer's accounts are not read again for its pilots' account field
    const accounts = this.crm.account(registry);
    for (const account of active.accounts) accounts.prime(account.id, account);
    return { from: period.from, to: period.to, activePilots: active.pilots, outcomes };
  }
}
