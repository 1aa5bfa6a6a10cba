import { ReferenceNotFoundException } from '@greenlight/common';
import { EntityManager, EntityTarget } from 'typeorm';
import { WorkspaceOwned, WorkspaceScope } from './workspace-scoped.repository';

/**
 * Refuses ids given in an input that are not rows of the caller's workspace: NOT_FOUND naming the
 * field (`input.ownerId`), or the position in a list (`accountIds.2`); another workspace's row is
 * refused like none. Nothing given, nothing checked (null). Answers the rows, in the ids' order.
 */
export async function requireInWorkspace<T extends WorkspaceOwned>(
  scope: WorkspaceScope,
  manager: EntityManager,
  entity: EntityTarget<T>,
  field: string,
  what: string,
  id: string,
): Promise<T>;
export async function requireInWorkspace<T extends WorkspaceOwned>(
  scope: WorkspaceScope,
  manager: EntityManager,
  entity: EntityTarget<T>,
  field: string,
  what: string,
  ids: string | readonly string[] | null | undefined,
): Promise<T | T[] | null>;
export async function requireInWorkspace<T extends WorkspaceOwned>(
  scope: WorkspaceScope,
  manager: EntityManager,
  entity: EntityTarget<T>,
  field: string,
  what: string,
  ids: string | readonly string[] | null | undefined,
): Promise<T | T[] | null> {
  if (ids === null || ids === undefined) return null;
  const list = typeof ids === 'string' ? [ids] : ids;
  const rows = list.length ? await scope.repository(entity, field, manager).findByIds(list) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const missing = list.findIndex((id) => !byId.has(id));
  if (missing >= 0) {
    const path = typeof ids === 'string' ? field : `${field}.${missing}`;
    throw ReferenceNotFoundException.field(path, `${path} is not ${what} of this workspace`);
  }
  return typeof ids === 'string' ? byId.get(ids)! : list.map((id) => byId.get(id)!);
}
