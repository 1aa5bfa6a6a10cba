import { CreatedAt } from '@greenlight/db';
import { Membership, TenantEntity } from '@greenlight/identity';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { InteractionKind, Sentiment } from '../enums';

/** A logged meeting, call, demo, screening, e-mail or event. */
@ObjectType()
@Entity({ name: 'interaction' })
@Index('IDX_interaction_workspace_occurred', ['workspaceId', 'occurredAt'])
@Index('IDX_interaction_logged_by', ['workspaceId', 'loggedById', 'occurredAt'])
@Index('IDX_interaction_search', { synchronize: false })
@Index('IDX_interaction_workspace_occurred_activity', { synchronize: false })
@ForeignKey(() => Membership, ['workspaceId', 'loggedById'], ['workspaceId', 'id'], {
  name: 'FK_interaction_logged_by',
  onDelete: 'SET NULL',
})
@ForeignKey(() => Campaign, ['workspaceId', 'campaignId'], ['workspaceId', 'id'], {
  name: 'FK_interaction_campaign',
  onDelete: 'SET NULL',
})
export class Interaction extends TenantEntity {
  @Field(() => InteractionKind)
  @Column({ type: 'enum', enum: InteractionKind, enumName: 'interaction_kind' })
  kind: InteractionKind;

  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Field({ description: 'IANA time zone the interaction took place in, e.g. America/Los_Angeles.' })
  @Column({ type: 'text', default: 'UTC' })
  timeZone: string;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  durationMinutes: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Field()
  @Column({ type: 'text' })
  summary: string;

  @Field(() => Sentiment, { nullable: true })
  @Column({ type: 'enum', enum: Sentiment, enumName: 'sentiment', nullable: true })
  sentiment: Sentiment | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  nextSteps: string | null;

  @Column({ type: 'uuid', nullable: true })
  loggedById: string | null;

  @Column({ type: 'uuid', nullable: true })
  campaignId: string | null;

  @Field()
  @CreatedAt()
  createdAt: Date;
}
