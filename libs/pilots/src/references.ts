import { ReferenceNotFoundException } from '@greenlight/common';
import { WorkspaceOwned, WorkspaceScope } from '@greenlight/identity';
import { EntityManager, EntityTarget } from 'typeorm';

/** Refuses an id given in an input that is not a row of the caller's workspace: NOT_FOUND naming the field. */
export async function requireInWorkspace<T extends WorkspaceOwned>(
  scope: WorkspaceScope,
  manager: EntityManager,
  entity: EntityTarget<T>,
  field: string,
  what: string,
  id: string | null | undefined,
): Promise<T | null> {
  if (id === null || id === undefined) return null;
  const row = await scope.repository(entity, field, manager).findById(id);
  if (!row) throw ReferenceNotFoundException.field(field, `${field} is not ${what} of this workspace`);
  return row;
}

/** The signed-in member's id, or null for the system and API keys. */
export function memberIdOf(principal: { kind: string; membershipId?: string } | undefined): string | null {
  return principal?.kind === 'member' ? (principal.membershipId ?? null) : null;
}
