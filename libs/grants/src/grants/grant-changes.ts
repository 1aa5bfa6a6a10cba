import { Outbox } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessGrant } from './access-grant.entity';
import { grantSnapshot } from './grants.service';

export type GrantSnapshot = ReturnType<typeof grantSnapshot>;

/** Told of every change of a grant inside its transaction (`before` null: created). */
export type GrantChangeListener = (
  manager: EntityManager,
  change: { before: GrantSnapshot | null; grant: AccessGrant; at: Date },
) => Promise<void>;

/**
 * Where a grant's changes go besides the grant itself: listeners run inside the writing
 * transaction (so what they record commits or rolls back with it); `afterCommit` callbacks run
 * once it has committed.
 */
@Injectable()
export class GrantChanges {
  private readonly listeners: GrantChangeListener[] = [];
  private readonly committed: ((workspaceId: string) => void)[] = [];

  constructor(private readonly outbox: Outbox) {}

  listen(listener: GrantChangeListener): void {
    this.listeners.push(listener);
  }

  afterCommit(callback: (workspaceId: string) => void): void {
    this.committed.push(callback);
  }

  async changed(
    manager: EntityManager,
    before: GrantSnapshot | null,
    grant: AccessGrant,
    at: Date,
  ): Promise<void> {
    // on creation, `created` says it all; afterwards the fields whose value moved, from and to
    const changed = Object.fromEntries(
      Object.entries(before ?? {})
        .map(([field, from]) => [field, { from, to: grant[field as keyof GrantSnapshot] }] as const)
        .filter(([, { from, to }]) => JSON.stringify(from) !== JSON.stringify(to)),
    );
    await this.outbox.record(
      manager,
      [
        {
          type: 'grant.changed',
          data: {
            grantId: grant.id,
            subjectKind: grant.subjectKind,
            accountId: grant.accountId,
            contactId: grant.contactId,
            status: grant.status,
            created: before === null,
            changed,
          },
          at,
        },
      ],
      grant.workspaceId,
    );
    for (const listener of this.listeners) await listener(manager, { before, grant, at });
  }

  /** Runs `write` in a transaction, then the afterCommit callbacks for `workspaceId`. */
  async commit<T>(workspaceId: string, write: Promise<T>): Promise<T> {
    const result = await write;
    for (const callback of this.committed) callback(workspaceId);
    return result;
  }
}
