import { Membership, TenantEntity } from '@greenlight/identity';
import { Account } from '../accounts/account.entity';
import { Stage } from './stage.entity';
import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';

/** One move of an account between stages: the funnel and time-in-stage are computed from these. */
@ObjectType()
@Entity({ name: 'stage_transition' })
@Index('IDX_stage_transition_account_at', ['workspaceId', 'accountId', 'at'])
@Index('IDX_stage_transition_workspace_at', ['workspaceId', 'at'])
@Index('IDX_stage_transition_account_at_stage', { synchronize: false })
@Index('IDX_stage_transition_workspace_at_stage', { synchronize: false })
@ForeignKey(() => Account, ['workspaceId', 'accountId'], ['workspaceId', 'id'], {
  name: 'FK_stage_transition_account',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Stage, ['workspaceId', 'fromStageId'], ['workspaceId', 'id'], {
  name: 'FK_stage_transition_from_stage',
  onDelete: 'RESTRICT',
})
@ForeignKey(() => Stage, ['workspaceId', 'toStageId'], ['workspaceId', 'id'], {
  name: 'FK_stage_transition_to_stage',
  onDelete: 'RESTRICT',
})
@ForeignKey(() => Membership, ['workspaceId', 'byMemberId'], ['workspaceId', 'id'], {
  name: 'FK_stage_transition_by_member',
  onDelete: 'SET NULL',
})
export class StageTransition extends TenantEntity {
  @Column({ type: 'uuid' })
  accountId: string;

  /** Null for the account's first stage. */
  @Column({ type: 'uuid', nullable: true })
  fromStageId: string | null;

  @Column({ type: 'uuid' })
  toStageId: string;

  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  at: Date;

  /** The member who moved it; null when an import or the system did. */
  @Column({ type: 'uuid', nullable: true })
  byMemberId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
