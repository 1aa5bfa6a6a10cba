import { CreatedAt } from '@greenlight/db';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { Role } from './enums';
import { Membership } from './membership.entity';
import { TenantEntity } from './tenant-entity';

/** An admin's offer to join a workspace; redeemed with the token, which is stored only hashed. */
@Entity({ name: 'invitation' })
@Index('IDX_invitation_workspace_created', ['workspaceId', 'createdAt'])
@ForeignKey(() => Membership, ['workspaceId', 'invitedById'], ['workspaceId', 'id'], {
  name: 'FK_invitation_invited_by',
  onDelete: 'SET NULL',
})
export class Invitation extends TenantEntity {
  /** Lower-cased. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'enum', enum: Role, enumName: 'role' })
  role: Role;

  @Index('UQ_invitation_token_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'uuid', nullable: true })
  invitedById: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}
