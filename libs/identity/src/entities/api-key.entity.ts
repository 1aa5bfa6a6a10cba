import { CreatedAt } from '@greenlight/db';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { ApiKeyScope } from './enums';
import { Membership } from './membership.entity';
import { TenantEntity } from './tenant-entity';

/** A machine credential (the generator, integrations); only its SHA-256 hash is stored. */
@Entity({ name: 'api_key' })
@Index('IDX_api_key_workspace_created', ['workspaceId', 'createdAt'])
@ForeignKey(() => Membership, ['workspaceId', 'createdById'], ['workspaceId', 'id'], {
  name: 'FK_api_key_created_by',
  onDelete: 'SET NULL',
})
export class ApiKey extends TenantEntity {
  @Column({ type: 'text' })
  name: string;

  /** The visible part of the key (`glk_<prefix>_…`), unique, used to find the key. */
  @Index('UQ_api_key_prefix', { unique: true })
  @Column({ type: 'text' })
  prefix: string;

  @Column({ type: 'text' })
  keyHash: string;

  @Column({ type: 'text', array: true })
  scopes: ApiKeyScope[];

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}
