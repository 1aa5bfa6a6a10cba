import { CreatedAt } from '@greenlight/db';
import { Membership, TenantEntity } from '@greenlight/identity';
import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Contact } from '../contacts/contact.entity';
import { CampaignTargetStatus } from '../enums';

/** A named outreach push, e.g. a Los Angeles roadshow to studios and agencies. */
@ObjectType()
@Entity({ name: 'campaign' })
@Index('IDX_campaign_workspace_starts', ['workspaceId', 'startsOn'])
@ForeignKey(() => Membership, ['workspaceId', 'ownerId'], ['workspaceId', 'id'], {
  name: 'FK_campaign_owner',
  onDelete: 'SET NULL',
})
export class Campaign extends TenantEntity {
  @Field()
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'date', nullable: true })
  startsOn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  goal: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  archivedAt: Date | null;

  @Field()
  @CreatedAt()
  createdAt: Date;
}

/** An account or contact a campaign is after, and how far it got. */
@ObjectType()
@Entity({ name: 'campaign_target' })
@Index('IDX_campaign_target_campaign', ['campaignId', 'status'])
@Index('IDX_campaign_target_account', ['accountId'])
@Index('IDX_campaign_target_contact', ['contactId'])
@ForeignKey(() => Campaign, ['workspaceId', 'campaignId'], ['workspaceId', 'id'], {
  name: 'FK_campaign_target_campaign',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Account, ['workspaceId', 'accountId'], ['workspaceId', 'id'], {
  name: 'FK_campaign_target_account',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Contact, ['workspaceId', 'contactId'], ['workspaceId', 'id'], {
  name: 'FK_campaign_target_contact',
  onDelete: 'CASCADE',
})
export class CampaignTarget extends TenantEntity {
  @Column({ type: 'uuid' })
  campaignId: string;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'uuid', nullable: true })
  contactId: string | null;

  @Field(() => CampaignTargetStatus)
  @Column({
    type: 'enum',
    enum: CampaignTargetStatus,
    enumName: 'campaign_target_status',
    default: CampaignTargetStatus.NOT_CONTACTED,
  })
  status: CampaignTargetStatus;

  @Field()
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;
}
