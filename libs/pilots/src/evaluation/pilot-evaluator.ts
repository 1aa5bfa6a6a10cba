import { Day, dayOf, LoaderRegistry } from '@greenlight/common';
import type { PilotRiskSettings } from '@greenlight/config';
import { UsageRollupReader, type UsageTotals } from '@greenlight/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { PilotCriterion } from '../criteria/pilot-criterion.entity';
import { PilotComparator, PilotMetric, PilotStatus } from '../enums';
import { PilotsLoaders } from '../pilots.loaders';
import { Pilot } from '../pilots/pilot.entity';
import { PilotStanding, pilotStanding } from '../standing/pilot-standing';
import {
  budgetOf,
  BudgetFigures,
  DayRange,
  evaluationRanges,
  isMet,
  metricValue,
  progressToward,
  Trend,
  trendOf,
} from './criterion-maths';

interface CriterionEvaluation {
  window: DayRange;
  currentValue: number | null;
  met: boolean;
  progress: number;
  /** Null for MANUAL criteria. */
  trend: Trend | null;
}

/** How many of a pilot's criteria are met and what it has spent. */
export interface PilotProgress {
  criteriaTotal: number;
  criteriaMet: number;
  budget: BudgetFigures;
}

/** An active pilot with its progress and its standing (time, behind, at risk) at one moment. */
export interface ActivePilotProgress extends PilotProgress {
  pilot: Pilot;
  standing: PilotStanding;
}

/** Injection token of the pilot risk settings (`AppConfig.pilotRisk`). */
export const PILOT_RISK_SETTINGS = 'greenlight.pilots.riskSettings';

/** A criterion whose pilot may already be at hand (set when loaded through `Pilot.criteria`). */
export type CriterionWithPilot = PilotCriterion & { pilot?: Pilot };

/** Caches evaluations by criterion id (the registry's typing assumes the key is its own cache key). */
const BY_CRITERION_ID = { cacheKeyFn: (criterion: PilotCriterion) => criterion.id } as unknown as DataLoader.Options<
  CriterionWithPilot,
  CriterionEvaluation
>;

const usageKey = (accountId: string, range: DayRange) => `${accountId}|${range.from}|${range.to}`;

/**
 * Judges criteria and budgets against the usage rollups. Within a request every read goes through
 * one DataLoader: the accounts sharing a window are read together, in one rollup query per
 * distinct window, however many pilots and criteria the page holds.
 */
@Injectable()
export class PilotEvaluator {
  constructor(
    private readonly reader: UsageRollupReader,
    private readonly loaders: PilotsLoaders,
    @Inject(PILOT_RISK_SETTINGS) private readonly riskSettings: PilotRiskSettings,
  ) {}

  /** Usage totals keyed by `accountId|from|to`. */
  private usage(registry: LoaderRegistry): DataLoader<string, UsageTotals | null> {
    return registry.get('pilots.usage', async (keys: readonly string[]) => {
      const accountsByWindow = new Map<string, Set<string>>();
      for (const key of keys) {
        const [accountId, from, to] = key.split('|');
        const window = `${from}|${to}`;
        accountsByWindow.set(window, (accountsByWindow.get(window) ?? new Set()).add(accountId));
      }
      const totals = new Map<string, UsageTotals>();
      await Promise.all(
        [...accountsByWindow].map(async ([window, accounts]) => {
          const [from, to] = window.split('|');
          const read = await this.reader.totalsForAccounts([...accounts], from, to);
          for (const [accountId, figures] of read) totals.set(usageKey(accountId, { from, to }), figures);
        }),
      );
      return keys.map((key) => totals.get(key) ?? null);
    });
  }

  private read(registry: LoaderRegistry, accountId: string, range: DayRange | null) {
    return range ? this.usage(registry).load(usageKey(accountId, range)) : Promise.resolve(null);
  }

  /** Budget spent over the pilot's dates up to today. */
  async budget(pilot: Pilot, registry: LoaderRegistry, today: Day = dayOf(new Date())): Promise<BudgetFigures> {
    const { read } = evaluationRanges({ from: pilot.startDate, to: pilot.endDate }, today);
    const totals = await this.read(registry, pilot.accountId, read);
    return budgetOf(pilot.creditBudgetUsd, totals?.costUsd ?? 0);
  }

  /** Criteria met and budget spent of one pilot as of `today` (criteria and usage through the request's loaders). */
  async progress(pilot: Pilot, registry: LoaderRegistry, today: Day = dayOf(new Date())): Promise<PilotProgress> {
    const criteria = await this.loaders.criteria(registry).load(pilot.id);
    const [evaluations, budget] = await Promise.all([
      Promise.all(criteria.map((criterion) => this.criterion(registry, Object.assign(criterion, { pilot })))),
      this.budget(pilot, registry, today),
    ]);
    return {
      criteriaTotal: criteria.length,
      criteriaMet: evaluations.filter((evaluation) => evaluation.met).length,
      budget,
    };
  }

  /** The pilot's time and risk at `now`, by the one rule of `pilotStanding`. */
  async standing(pilot: Pilot, registry: LoaderRegistry, now: Date = new Date()): Promise<PilotStanding> {
    const today = dayOf(now);
    return pilotStanding(pilot, await this.progress(pilot, registry, today), today, this.riskSettings);
  }

  /**
   * The active pilots of these accounts with their progress and standing at `now`: one pilots read
   * and one criteria read for all the accounts (through the request's loaders).
   */
  async activeProgress(
    accountIds: readonly string[],
    registry: LoaderRegistry,
    now: Date = new Date(),
  ): Promise<ActivePilotProgress[]> {
    const today = dayOf(now);
    const pilots = (await this.loaders.pilotsOfAccount(registry).loadMany([...accountIds]))
      .flatMap((list) => (list instanceof Error ? [] : list))
      .filter((pilot) => pilot.status === PilotStatus.ACTIVE);
    return Promise.all(
      pilots.map(async (pilot) => {
        const progress = await this.progress(pilot, registry, today);
        return { pilot, ...progress, standing: pilotStanding(pilot, progress, today, this.riskSettings) };
      }),
    );
  }

  /** One criterion's evaluation, computed once per request whichever of its fields are asked. */
  criterion(registry: LoaderRegistry, criterion: CriterionWithPilot): Promise<CriterionEvaluation> {
    return registry
      .get<CriterionWithPilot, CriterionEvaluation>(
        'pilots.criterionEvaluation',
        (criteria) => Promise.all(criteria.map((each) => this.evaluate(registry, each))),
        BY_CRITERION_ID,
      )
      .load(criterion);
  }

  /** The days a criterion is judged on: its own window, else the pilot's dates. */
  async window(registry: LoaderRegistry, criterion: CriterionWithPilot): Promise<DayRange> {
    const pilot = criterion.pilot ?? (await this.loaders.pilot(registry).load(criterion.pilotId));
    if (!pilot) throw new Error(`Pilot ${criterion.pilotId} of criterion ${criterion.id} is missing`);
    return { from: criterion.windowStart ?? pilot.startDate, to: criterion.windowEnd ?? pilot.endDate };
  }

  private async evaluate(
    registry: LoaderRegistry,
    criterion: CriterionWithPilot,
    today: Day = dayOf(new Date()),
  ): Promise<CriterionEvaluation> {
    const pilot = criterion.pilot ?? (await this.loaders.pilot(registry).load(criterion.pilotId))!;
    const window = await this.window(registry, criterion);
    if (criterion.metric === PilotMetric.MANUAL) {
      const met = criterion.manualMet === true;
      return { window, currentValue: null, met, progress: met ? 1 : 0, trend: null };
    }
    const ranges = evaluationRanges(window, today);
    const [total, recent, previous] = await Promise.all([
      this.read(registry, pilot.accountId, ranges.read),
      this.read(registry, pilot.accountId, ranges.recent),
      this.read(registry, pilot.accountId, ranges.previous),
    ]);
    const value = (totals: UsageTotals | null, range: DayRange | null) =>
      range ? metricValue(criterion.metric, totals) : null;
    const currentValue = metricValue(criterion.metric, total);
    const comparator = criterion.comparator ?? PilotComparator.AT_LEAST;
    const target = criterion.target ?? 0;
    return {
      window,
      currentValue,
      met: isMet(comparator, target, currentValue),
      progress: target > 0 ? progressToward(comparator, target, currentValue) : 0,
      trend: trendOf(value(recent, ranges.recent), value(previous, ranges.previous)),
    };
  }
}
