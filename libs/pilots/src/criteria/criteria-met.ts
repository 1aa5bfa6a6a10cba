import { LoaderRegistry } from '@greenlight/common';
import { Outbox, WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PilotEvaluator } from '../evaluation/pilot-evaluator';
import { PilotMetric, PilotStatus } from '../enums';
import { PilotsLoaders } from '../pilots.loaders';
import { PilotCriterion } from './pilot-criterion.entity';

/**
 * Criteria on usage are judged live from the rollups, so nothing happens at the moment one is met.
 * The scheduled evaluation asks here, per batch of accounts, which usage criteria of their active
 * pilots are met now: a newly met one gets `metAt` and sends `pilot.criterion_met`; one no longer
 * met loses `metAt`, so meeting it again is told again. MANUAL criteria are told when a member
 * sets them (CriteriaService.setManual).
 */
@Injectable()
export class CriteriaMetRecorder {
  constructor(
    private readonly evaluator: PilotEvaluator,
    private readonly loaders: PilotsLoaders,
    private readonly scope: WorkspaceScope,
    private readonly outbox: Outbox,
  ) {}

  /** Stamps and clears `metAt` for these accounts' active pilots; answers how many became met. */
  async record(accountIds: readonly string[], registry: LoaderRegistry, manager: EntityManager, now = new Date()): Promise<number> {
    const pilots = (await this.loaders.pilotsOfAccount(registry).loadMany([...accountIds]))
      .flatMap((list) => (list instanceof Error ? [] : list))
      .filter((pilot) => pilot.status === PilotStatus.ACTIVE);
    const met: { criterion: PilotCriterion; value: number | null }[] = [];
    const lapsed: PilotCriterion[] = [];
    for (const pilot of pilots)
      for (const criterion of await this.loaders.criteria(registry).load(pilot.id)) {
        if (criterion.metric === PilotMetric.MANUAL) continue;
        const evaluation = await this.evaluator.criterion(registry, Object.assign(criterion, { pilot }));
        if (evaluation.met && !criterion.metAt) met.push({ criterion, value: evaluation.currentValue });
        else if (!evaluation.met && criterion.metAt) lapsed.push(criterion);
      }
    const criteria = this.scope.repository(PilotCriterion, 'Pilot criterion', manager);
    for (const { criterion } of met) await criteria.update(criterion.id, { metAt: now });
    for (const criterion of lapsed) await criteria.update(criterion.id, { metAt: null });
    await this.outbox.record(
      manager,
      met.map(({ criterion, value }) => ({
        type: 'pilot.criterion_met' as const,
        data: {
          pilotId: criterion.pilotId,
          criterionId: criterion.id,
          metric: criterion.metric,
          label: criterion.label,
          comparator: criterion.comparator,
          target: criterion.target,
          value,
        },
        at: now,
      })),
    );
    return met.length;
  }
}
