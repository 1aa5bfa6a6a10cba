import { CreatedAt } from '@greenlight/db';
import { Column, Entity, Index } from 'typeorm';
import { ActorType } from './enums';
import { TenantEntity } from './tenant-entity';

/** Who changed what, when, before and after. Written once, never updated. */
@Entity({ name: 'audit_entry' })
@Index('IDX_audit_entry_workspace_at', ['workspaceId', 'at'])
@Index('IDX_audit_entry_workspace_entity', ['workspaceId', 'entity', 'entityId'])
export class AuditEntry extends TenantEntity {
  @Column({ type: 'enum', enum: ActorType, enumName: 'audit_actor_type' })
  actorType: ActorType;

  /** The membership or API key that acted; null for the system. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** What kind of thing changed, e.g. `member`, `api_key`. */
  @Column({ type: 'text' })
  entity: string;

  @Column({ type: 'uuid' })
  entityId: string;

  /** e.g. `create`, `update`, `deactivate`, `revoke`. */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @CreatedAt()
  at: Date;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;
}
