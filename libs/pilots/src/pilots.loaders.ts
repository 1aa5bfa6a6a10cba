import { LoaderRegistry, manyByKey, oneByKey } from '@greenlight/common';
import { WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Any, IsNull } from 'typeorm';
import { PilotCriterion } from './criteria/pilot-criterion.entity';
import { PilotStatusChange } from './pilots/pilot-status-change.entity';
import { Pilot } from './pilots/pilot.entity';

/** Batched loads for nested pilot fields: one query per field per request, scoped to the workspace. */
@Injectable()
export class PilotsLoaders {
  constructor(private readonly scope: WorkspaceScope) {}

  pilot(registry: LoaderRegistry): DataLoader<string, Pilot | null> {
    return registry.get('pilots.pilot', async (ids: readonly string[]) =>
      oneByKey(ids, await this.scope.repository(Pilot, 'Pilot').findByIds(ids), (pilot) => pilot.id),
    );
  }

  /** Criteria of each pilot, in the order they were added. */
  criteria(registry: LoaderRegistry): DataLoader<string, PilotCriterion[]> {
    return registry.get('pilots.criteria', async (ids: readonly string[]) =>
      manyByKey(
        ids,
        await this.scope
          .repository(PilotCriterion, 'Pilot criterion')
          .find({ where: { pilotId: Any([...ids]) }, order: { position: 'ASC', id: 'ASC' } }),
        (criterion) => criterion.pilotId,
      ),
    );
  }

  /** Status history of each pilot, newest first. */
  statusHistory(registry: LoaderRegistry): DataLoader<string, PilotStatusChange[]> {
    return registry.get('pilots.statusHistory', async (ids: readonly string[]) =>
      manyByKey(
        ids,
        await this.scope
          .repository(PilotStatusChange, 'Pilot status change')
          .find({ where: { pilotId: Any([...ids]) }, order: { at: 'DESC', id: 'DESC' } }),
        (change) => change.pilotId,
      ),
    );
  }

  /** Pilots of each account that are not archived, latest ending first. */
  pilotsOfAccount(registry: LoaderRegistry): DataLoader<string, Pilot[]> {
    return registry.get('pilots.ofAccount', async (ids: readonly string[]) =>
      manyByKey(
        ids,
        await this.scope.repository(Pilot, 'Pilot').find({
          where: { accountId: Any([...ids]), archivedAt: IsNull() },
          order: { endDate: 'DESC', id: 'DESC' },
        }),
        (pilot) => pilot.accountId,
      ),
    );
  }
}
