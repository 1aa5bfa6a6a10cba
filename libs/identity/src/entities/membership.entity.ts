import { CreatedAt, UpdatedAt } from '@greenlight/db';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { MemberStatus, Role } from './enums';
import { User } from './user.entity';
import { TenantEntity } from './tenant-entity';

/** A user in a workspace, with a role. */
@Entity({ name: 'membership' })
@Index('UQ_membership_workspace_user', ['workspaceId', 'userId'], { unique: true })
export class Membership extends TenantEntity {
  @Index('IDX_membership_user')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_membership_user' })
  user?: User;

  @Column({ type: 'enum', enum: Role, enumName: 'role' })
  role: Role;

  @Column({ type: 'enum', enum: MemberStatus, enumName: 'member_status', default: MemberStatus.ACTIVE })
  status: MemberStatus;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  deactivatedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
