import { TenantEntity } from '@greenlight/identity';
import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { WebhookEventType, WebhookFormat } from './webhook-event-type';

/** Where an admin wants the workspace's events sent. */
@ObjectType()
@Entity({ name: 'webhook_endpoint' })
@Index('IDX_webhook_endpoint_workspace_created', ['workspaceId', 'createdAt'])
export class WebhookEndpoint extends TenantEntity {
  @Field()
  @Column({ type: 'text' })
  url: string;

  @Field()
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => [WebhookEventType])
  @Column({ type: 'text', array: true })
  eventTypes: WebhookEventType[];

  @Field(() => WebhookFormat)
  @Column({ type: 'enum', enum: WebhookFormat, enumName: 'webhook_format', default: WebhookFormat.STANDARD })
  format: WebhookFormat;

  /** The signing secret (`whsec_…`); shown once, on creation and rotation. */
  @Column({ type: 'text' })
  secret: string;

  @Field()
  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why deliveries stopped, when Greenlight disabled the endpoint after 24 h of failures.',
  })
  @Column({ type: 'text', nullable: true })
  disabledReason: string | null;

  @Field(() => Date, { nullable: true, description: 'Failing without a success in between since then.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  failingSince: Date | null;

  @Field()
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Field()
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;
}
