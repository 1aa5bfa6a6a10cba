import { AuditService, WorkspaceOwned, WorkspaceScopedRepository } from '@greenlight/identity';
import { DataSource, EntityManager } from 'typeorm';

interface Archivable extends WorkspaceOwned {
  archivedAt: Date | null;
}

/**
 * Archives or restores one row (a no-op when it is already so) and audits the change, in one
 * transaction: archived rows leave lists and dashboards, their history stays.
 */
export function setArchived<T extends Archivable>(
  dataSource: DataSource,
  audit: AuditService,
  repository: (manager: EntityManager) => WorkspaceScopedRepository<T>,
  entity: string,
  id: string,
  archived: boolean,
  snapshot: (row: T) => Record<string, unknown>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    const row = await repository(manager).getById(id, { lock: true });
    if (Boolean(row.archivedAt) === archived) return row;
    const before = snapshot(row);
    row.archivedAt = archived ? new Date() : null;
    const saved = await repository(manager).save(row);
    await audit.record(
      { entity, entityId: id, action: archived ? 'archive' : 'restore', before, after: snapshot(saved) },
      manager,
    );
    return saved;
  });
}
