import { ReferenceNotFoundException } from '@greenlight/common';
import { WorkspaceOwned, WorkspaceScope } from '@greenlight/identity';
import { EntityManager, EntityTarget } from 'typeorm';

/**
 * Refuses ids given in an input that are not rows of the caller's workspace: NOT_FOUND naming the
 * field (`ownerId`), or the position in a list (`accountIds.2`). Nothing given, nothing checked.
 */
export async function requireInWorkspace<T extends WorkspaceOwned>(
  scope: WorkspaceScope,
  manager: EntityManager,
  entity: EntityTarget<T>,
  field: string,
  what: string,
  ids: string | readonly string[] | null | undefined,
): Promise<void> {
  const list = ids === null || ids === undefined ? [] : typeof ids === 'string' ? [ids] : ids;
  if (list.length === 0) return;
  const found = new Set(
    (await scope.repository(entity, field, manager).findByIds(list)).map((row) => row.id),
  );
  const missing = list.findIndex((id) => !found.has(id));
  if (missing < 0) return;
  const path = typeof ids === 'string' ? field : `${field}.${missing}`;
  throw ReferenceNotFoundException.field(path, `${path} is not ${what} of this workspace`);
}
