import { LoaderRegistry, oneByKey } from '@greenlight/common';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource, Any } from 'typeorm';
import { isUuid } from '../context/uuid';
import { WorkspaceScope } from '../context/workspace-scoped.repository';
import { Membership, User, Workspace } from '../entities';

/** Batched, per-request loads for nested GraphQL fields. */
@Injectable()
export class IdentityLoaders {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
  ) {}

  /** Users by id; the ids come from rows already scoped to the workspace. */
  user(registry: LoaderRegistry): DataLoader<string, User | null> {
    return registry.get('identity.user', async (ids: readonly string[]) =>
      oneByKey(
        ids,
        await this.dataSource.getRepository(User).findBy({ id: Any([...ids]) }),
        (user) => user.id,
      ),
    );
  }

  /**
   * Members of the current workspace by id (null for any other workspace's), each with its user:
   * lists show the member's name, and this saves them a round trip.
   */
  member(registry: LoaderRegistry): DataLoader<string, Membership | null> {
    return registry.get('identity.member', async (keys: readonly string[]) => {
      const ids = keys.filter(isUuid);
      const members = ids.length
        ? await this.scope
            .repository(Membership, 'Member')
            .query('m', (q) => q.andWhere('m.id = ANY(:ids)', { ids }).leftJoinAndSelect('m.user', 'user'))
            .getMany()
        : [];
      return oneByKey(keys, members, (member) => member.id);
    });
  }

  workspace(registry: LoaderRegistry): DataLoader<string, Workspace | null> {
    return registry.get('identity.workspace', async (ids: readonly string[]) =>
      oneByKey(
        ids,
        await this.dataSource.getRepository(Workspace).findBy({ id: Any([...ids]) }),
        (row) => row.id,
      ),
    );
  }
}
