import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TenantContext } from '../context/tenant-context';
import { DOMAIN_EVENT_VERSION, DomainEvent } from './domain-events';
import { OutboxEvent } from './outbox-event.entity';

const OUTBOX_CHUNK = 1_000;

/**
 * The transactional outbox: features record what happened with their transaction's manager, so an
 * event exists exactly when its change committed. The webhook dispatcher takes them from there.
 */
@Injectable()
export class Outbox {
  constructor(private readonly context: TenantContext) {}

  /** Records events of the current workspace (or `workspaceId`, for work that knows it from data). */
  async record(manager: EntityManager, events: readonly DomainEvent[], workspaceId?: string): Promise<void> {
    if (events.length === 0) return;
    const workspace = workspaceId ?? this.context.currentWorkspaceId();
    // in chunks, so a large capture batch stays within the driver's 65,535 parameters
    for (let start = 0; start < events.length; start += OUTBOX_CHUNK)
      await this.insert(manager, workspace, events.slice(start, start + OUTBOX_CHUNK));
  }

  private async insert(manager: EntityManager, workspace: string, events: readonly DomainEvent[]): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxEvent)
      .values(
        events.map((event): QueryDeepPartialEntity<OutboxEvent> => ({
          workspaceId: workspace,
          type: event.type,
          version: DOMAIN_EVENT_VERSION,
          data: jsonOf(event.data) as QueryDeepPartialEntity<OutboxEvent>['data'],
          ...(event.at ? { occurredAt: event.at } : {}),
        })),
      )
      .execute();
  }
}

/** Dates as ISO text, undefined dropped: what the payload will carry. */
function jsonOf(data: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}
