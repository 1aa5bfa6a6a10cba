import { TenantEntity } from '@greenlight/identity';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONObjectScalar } from '@greenlight/common';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { WebhookEndpoint } from '../endpoints/webhook-endpoint.entity';
import { WebhookDeliveryStatus, WebhookEventType } from '../endpoints/webhook-event-type';
import { WebhookAttempt } from './webhook-attempt.entity';

/** One event for one endpoint; its id is the `webhook-id` of every attempt, so receivers can deduplicate. */
@ObjectType({ description: 'One event for one endpoint; its `id` is the `webhook-id` header of every attempt.' })
@Entity({ name: 'webhook_delivery' })
@Index('UQ_webhook_delivery_event', ['workspaceId', 'endpointId', 'eventId'], { unique: true })
@Index('IDX_webhook_delivery_endpoint_created', ['workspaceId', 'endpointId', 'createdAt'])
@Index('IDX_webhook_delivery_unqueued', ['createdAt'], { where: '"enqueued_at" IS NULL' })
@ForeignKey(() => WebhookEndpoint, ['workspaceId', 'endpointId'], ['workspaceId', 'id'], {
  name: 'FK_webhook_delivery_endpoint',
  onDelete: 'CASCADE',
})
export class WebhookDelivery extends TenantEntity {
  @Field(() => ID)
  @Column({ type: 'uuid' })
  endpointId: string;

  @Field(() => ID, { description: 'The event (`id` in the payload), the same for every endpoint.' })
  @Column({ type: 'uuid' })
  eventId: string;

  @Field(() => WebhookEventType)
  @Column({ type: 'text' })
  eventType: WebhookEventType;

  @Field(() => JSONObjectScalar, {
    description: 'The event as sent: type, version, id, timestamp, workspaceId, data.',
  })
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Field(() => WebhookDeliveryStatus)
  @Column({
    type: 'enum',
    enum: WebhookDeliveryStatus,
    enumName: 'webhook_delivery_status',
    default: WebhookDeliveryStatus.PENDING,
  })
  status: WebhookDeliveryStatus;

  @Field(() => Int)
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Field()
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  /** When its first job was sent; null for a moment after dispatch (picked up again if the process stopped). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  enqueuedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  deliveredAt: Date | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  lastStatusCode: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** Filled by the delivery log for the page it answers. */
  @Field(() => [WebhookAttempt], { description: 'Every attempt, first first.' })
  attemptLog?: WebhookAttempt[];
}
