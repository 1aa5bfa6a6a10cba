import { LoaderRegistry, manyByKey, oneByKey } from '@greenlight/common';
import { WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Any } from 'typeorm';
import { AccessGrant } from './grants/access-grant.entity';
import { AccessGrantChange } from './grants/grant-change.entity';

/** Batched loads for nested grant fields: one query per field per request, scoped to the workspace. */
@Injectable()
export class GrantsLoaders {
  constructor(private readonly scope: WorkspaceScope) {}

  grant(registry: LoaderRegistry): DataLoader<string, AccessGrant | null> {
    return registry.get('grants.grant', async (ids: readonly string[]) =>
      oneByKey(ids, await this.scope.repository(AccessGrant, 'Grant').findByIds(ids), (grant) => grant.id),
    );
  }

  /** History of each grant, newest first. */
  history(registry: LoaderRegistry): DataLoader<string, AccessGrantChange[]> {
    return registry.get('grants.history', async (ids: readonly string[]) =>
      manyByKey(
        ids,
        await this.scope
          .repository(AccessGrantChange, 'Grant change')
          .find({ where: { grantId: Any([...ids]) }, order: { at: 'DESC', id: 'DESC' } }),
        (change) => change.grantId,
      ),
    );
  }

  /** Grants of each account (or contact, by `column`), newest first. */
  ofSubject(registry: LoaderRegistry, column: 'accountId' | 'contactId'): DataLoader<string, AccessGrant[]> {
    return registry.get(`grants.of.${column}`, async (ids: readonly string[]) =>
      manyByKey(
        ids,
        await this.scope
          .repository(AccessGrant, 'Grant')
          .find({ where: { [column]: Any([...ids]) }, order: { createdAt: 'DESC', id: 'DESC' } }),
        (grant) => grant[column]!,
      ),
    );
  }
}
