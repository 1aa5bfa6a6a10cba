import { LoaderRegistry, Loaders } from '@greenlight/common';
import { AccountIdStatistics } from '@greenlight/crm';
import { daysLeft, elapsedShare, PilotEvaluator, PilotStatistics } from '@greenlight/pilots';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { scopeOf } from '../inputs/dashboard-filter.input';
import { toPeriod } from '../inputs/dashboard-period.input';
import { PeriodArgs } from '../inputs/period.args';
import { pilotRisks } from './pilot-risk';
import { ActivePilotFigure, PilotsDashboard } from './pilots-dashboard.types';

const today = () => new Date().toISOString().slice(0, 10);

@Resolver(() => PilotsDashboard)
export class PilotsDashboardResolver {
  constructor(
    private readonly statistics: PilotStatistics,
    private readonly evaluator: PilotEvaluator,
    private readonly accounts: AccountIdStatistics,
  ) {}

  @Query(() => PilotsDashboard, {
    description: "Active pilots with criteria progress, time and budget left and a risk flag; pilot outcomes per month.",
  })
  async pilotsDashboard(
    @Args() { period, filter }: PeriodArgs,
    @Loaders() registry: LoaderRegistry,
  ): Promise<PilotsDashboard> {
    const checked = toPeriod(period);
    const accountIds = await this.accounts.accountIds(scopeOf(filter));
    const [withPilots, outcomes] = await Promise.all([
      this.statistics.accountsWithActivePilots(accountIds),
      this.statistics.outcomesByMonth(checked.from, checked.to, accountIds),
    ]);
    const day = today();
    const active = (await this.evaluator.activeProgress(withPilots, registry)).map((progress): ActivePilotFigure => {
      const dates = { from: progress.pilot.startDate, to: progress.pilot.endDate };
      const figures = {
        elapsedShare: elapsedShare(dates, day),
        criteriaMet: progress.criteriaMet,
        criteriaTotal: progress.criteriaTotal,
        spentShare: progress.budget.spentShare,
      };
      const riskReasons = pilotRisks(figures);
      return {
        pilot: progress.pilot,
        criteriaMet: progress.criteriaMet,
        criteriaTotal: progress.criteriaTotal,
        criteriaMetShare: progress.criteriaTotal > 0 ? progress.criteriaMet / progress.criteriaTotal : null,
        daysLeft: daysLeft(dates, day),
        elapsedShare: figures.elapsedShare,
        budget: progress.budget,
        atRisk: riskReasons.length > 0,
        riskReasons,
      };
    });
    active.sort(
      (a, b) =>
        Number(b.atRisk) - Number(a.atRisk) ||
        a.daysLeft - b.daysLeft ||
        (a.pilot.id < b.pilot.id ? -1 : 1),
    );
    return { from: period.from, to: period.to, activePilots: active, outcomes };
  }
}
