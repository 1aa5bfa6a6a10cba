import { TenantEntity } from '@greenlight/identity';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { WebhookDelivery } from './webhook-delivery.entity';

/** One request to an endpoint and what came of it. */
@ObjectType()
@Entity({ name: 'webhook_attempt' })
@Index('IDX_webhook_attempt_delivery', ['workspaceId', 'deliveryId', 'attempt'])
@ForeignKey(() => WebhookDelivery, ['workspaceId', 'deliveryId'], ['workspaceId', 'id'], {
  name: 'FK_webhook_attempt_delivery',
  onDelete: 'CASCADE',
})
export class WebhookAttempt extends TenantEntity {
  @Column({ type: 'uuid' })
  deliveryId: string;

  @Field(() => Int, { description: '1 for the first.' })
  @Column({ type: 'integer' })
  attempt: number;

  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  at: Date;

  @Field(() => Int)
  @Column({ type: 'integer' })
  durationMs: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status answered; null when none came.' })
  @Column({ type: 'integer', nullable: true })
  statusCode: number | null;

  @Field()
  @Column({ type: 'boolean' })
  succeeded: boolean;

  @Field(() => String, { nullable: true, description: 'What went wrong, in words.' })
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Field({ description: 'Asked for by an admin (redelivery).' })
  @Column({ type: 'boolean', default: false })
  manual: boolean;
}
