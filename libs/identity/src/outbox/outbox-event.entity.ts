import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '../entities/tenant-entity';

/**
 * Something that happened in a workspace, written in the transaction of the change itself and
 * taken (deleted) by the webhook dispatcher once it has become deliveries.
 */
@Entity({ name: 'outbox_event' })
@Index('IDX_outbox_event_occurred', ['occurredAt', 'id'])
export class OutboxEvent extends TenantEntity {
  /** One of DOMAIN_EVENT_TYPES, e.g. `account.stage_changed`. */
  @Column({ type: 'text' })
  type: string;

  /** The version of the payload's `data` shape for this type. */
  @Column({ type: 'smallint', default: 1 })
  version: number;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  occurredAt: Date;

  /** The ids of what changed and the changed fields. */
  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;
}
