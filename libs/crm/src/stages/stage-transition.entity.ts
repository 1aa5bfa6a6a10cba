import { Membership, Workspace } from '@greenlight/identity';
import { Account } from '../accounts/account.entity';
import { Stage } from './stage.entity';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One move of an account between stages: the funnel and time-in-stage are computed from these. */
@ObjectType()
@Entity({ name: 'stage_transition' })
@Index('IDX_stage_transition_account_at', ['workspaceId', 'accountId', 'at'])
@Index('IDX_stage_transition_workspace_at', ['workspaceId', 'at'])
@Index('IDX_stage_transition_account_at_stage', { synchronize: false })
@Index('IDX_stage_transition_workspace_at_stage', { synchronize: false })
export class StageTransition {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_stage_transition' })
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'FK_stage_transition_workspace' })
  workspace?: Workspace;

  @Column({ type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_stage_transition_account' })
  account?: Account;

  /** Null for the account's first stage. */
  @Column({ type: 'uuid', nullable: true })
  fromStageId: string | null;

  @ManyToOne(() => Stage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_stage_id', foreignKeyConstraintName: 'FK_stage_transition_from_stage' })
  fromStage?: Stage;

  @Column({ type: 'uuid' })
  toStageId: string;

  @ManyToOne(() => Stage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_stage_id', foreignKeyConstraintName: 'FK_stage_transition_to_stage' })
  toStage?: Stage;

  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  at: Date;

  /** The member who moved it; null when an import or the system did. */
  @Column({ type: 'uuid', nullable: true })
  byMemberId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'by_member_id', foreignKeyConstraintName: 'FK_stage_transition_by_member' })
  byMember?: Membership;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
