import { UpdatedAt } from '@greenlight/db';
import { TenantEntity } from '@greenlight/identity';
import { Account } from './account.entity';
import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
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
export class Competitor extends TenantEntity {
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
  @UpdatedAt()
  updatedAt: Date;
}
