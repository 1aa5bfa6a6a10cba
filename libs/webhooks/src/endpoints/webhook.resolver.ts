import { Connection } from '@greenlight/common';
import { Role, Roles } from '@greenlight/identity';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { WebhookDelivery } from '../delivery/webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveriesArgs,
  WebhookDeliveryConnection,
  WebhookDeliveryIdArgs,
  WebhookEndpointIdArgs,
  WebhookEndpointWithSecret,
} from './webhook.types';

/** Webhooks are the workspace's data leaving it, signed with secrets: admins only, reading included. */
@Roles(Role.ADMIN)
@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  constructor(private readonly service: WebhookEndpointsService) {}

  @Query(() => [WebhookEndpoint], { description: 'The workspace webhook endpoints, oldest first.' })
  webhookEndpoints(): Promise<WebhookEndpoint[]> {
    return this.service.list();
  }

  @Query(() => WebhookEndpoint)
  webhookEndpoint(@Args() { id }: WebhookEndpointIdArgs): Promise<WebhookEndpoint> {
    return this.service.get(id);
  }

  @Query(() => WebhookDeliveryConnection, { description: 'The delivery log of an endpoint, newest first.' })
  webhookDeliveries(@Args() args: WebhookDeliveriesArgs): Promise<Connection<WebhookDelivery>> {
    return this.service.deliveries(args);
  }

  @Mutation(() => WebhookEndpointWithSecret, {
    description: 'Registers an endpoint, enabled; its signing secret is in this answer only.',
  })
  createWebhookEndpoint(
    @Args('input') input: CreateWebhookEndpointInput,
  ): Promise<WebhookEndpointWithSecret> {
    return this.service.create(input);
  }

  @Mutation(() => WebhookEndpoint, {
    description: 'Changes the address, events, format; enables or disables.',
  })
  updateWebhookEndpoint(@Args('input') input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
    return this.service.update(input);
  }

  @Mutation(() => WebhookEndpointWithSecret, {
    description: 'Replaces the signing secret at once; the new one is in this answer only.',
  })
  rotateWebhookSecret(@Args() { id }: WebhookEndpointIdArgs): Promise<WebhookEndpointWithSecret> {
    return this.service.rotateSecret(id);
  }

  @Mutation(() => Boolean, { description: 'Deletes an endpoint with its delivery log.' })
  deleteWebhookEndpoint(@Args() { id }: WebhookEndpointIdArgs): Promise<boolean> {
    return this.service.delete(id);
  }

  @Mutation(() => WebhookDelivery, {
    description: 'Attempts a delivery again now (same webhook-id), whatever its status.',
  })
  redeliverWebhook(@Args() { id }: WebhookDeliveryIdArgs): Promise<WebhookDelivery> {
    return this.service.redeliver(id);
  }
}
