import { ApiKeys, SignedIn } from '@greenlight/identity';
import { dayOf, LoaderRegistry, Loaders } from '@greenlight/common';
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
      // progress and standing of the active pilots, at risk first, then by days left, kept with the
      // data version they were computed at
      this.cache.remember('pilots.active', [scope, today], async () =>
        (
          await this.evaluator.activeProgress(
            await this.statistics.accountsWithActivePilots(scope),
            registry,
            now,
          )
        )
          .map(({ pilot, criteriaMet, criteriaTotal, budget, standing }): ActivePilotFigure => ({
            pilot,
            criteriaMet,
            criteriaTotal,
            criteriaMetShare: criteriaTotal > 0 ? criteriaMet / criteriaTotal : null,
            daysLeft: standing.daysLeft,
            elapsedShare: standing.elapsedShare,
            budget,
            atRisk: standing.atRisk,
            riskReasons: standing.riskReasons,
          }))
          .sort(
            (a, b) =>
              Number(b.atRisk) - Number(a.atRisk) ||
              a.daysLeft - b.daysLeft ||
              (a.pilot.id < b.pilot.id ? -1 : 1),
          ),
      ),
      this.cache.remember('pilots.outcomes', [checked.from, checked.to, scope], () =>
        this.statistics.outcomesByMonth(checked.from, checked.to, scope),
      ),
    ]);
    return { from: period.from, to: period.to, activePilots: active, outcomes };
  }
}
