import { Account } from '@greenlight/crm';
import { Membership, Workspace } from '@greenlight/identity';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PilotStatus } from '../enums';
import { Pilot } from './pilot.entity';

/** One change of a pilot's status; the first (from null) is its creation. */
@ObjectType()
@Entity({ name: 'pilot_status_change' })
@Index('IDX_pilot_status_change_pilot_at', ['pilotId', 'at'])
@Index('IDX_pilot_status_change_account_at', ['workspaceId', 'accountId', 'at'])
export class PilotStatusChange {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_pilot_status_change' })
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'FK_pilot_status_change_workspace' })
  workspace?: Workspace;

  @Column({ type: 'uuid' })
  pilotId: string;

  @ManyToOne(() => Pilot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pilot_id', foreignKeyConstraintName: 'FK_pilot_status_change_pilot' })
  pilot?: Pilot;

  /** The pilot's account, copied so an account's timeline reads one index. */
  @Column({ type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_pilot_status_change_account' })
  account?: Account;

  @Field(() => PilotStatus, { nullable: true, description: 'Null when the pilot was created.' })
  @Column({ type: 'enum', enum: PilotStatus, enumName: 'pilot_status', nullable: true })
  fromStatus: PilotStatus | null;

  @Field(() => PilotStatus)
  @Column({ type: 'enum', enum: PilotStatus, enumName: 'pilot_status' })
  toStatus: PilotStatus;

  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  byMemberId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'by_member_id', foreignKeyConstraintName: 'FK_pilot_status_change_by_member' })
  byMember?: Membership;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
