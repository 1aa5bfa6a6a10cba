import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { MemberStatus, Role } from './enums';
import { User } from './user.entity';
import { Workspace } from './workspace.entity';

/** A user in a workspace, with a role. */
@Entity({ name: 'membership' })
@Index('UQ_membership_workspace_user', ['workspaceId', 'userId'], { unique: true })
export class Membership {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_membership' })
  id: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_membership' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'FK_membership_workspace' })
  workspace?: Workspace;

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

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
