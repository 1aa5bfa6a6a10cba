import { Workspace } from '@greenlight/identity';
import { Account } from './account.entity';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Column,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { CompetitorStatus } from '../enums';

/** A rival AI video vendor the account is also evaluating. */
@ObjectType()
@Entity({ name: 'account_competitor' })
@Index('UQ_account_competitor_vendor', ['workspaceId', 'accountId', 'vendor'], { unique: true })
@Index('IDX_account_competitor_workspace_vendor', ['workspaceId', 'vendor'])
@ForeignKey(() => Account, ['workspaceId', 'accountId'], ['workspaceId', 'id'], {
  name: 'FK_account_competitor_account',
  onDelete: 'CASCADE',
})
export class Competitor {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_account_competitor' })
  id: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_account_competitor' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'FK_account_competitor_workspace' })
  workspace?: Workspace;

  @Column({ type: 'uuid' })
  accountId: string;

  @Field()
  @Column({ type: 'text' })
  vendor: string;

  @Field(() => CompetitorStatus)
  @Column({ type: 'enum', enum: CompetitorStatus, enumName: 'competitor_status' })
  status: CompetitorStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Field()
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
