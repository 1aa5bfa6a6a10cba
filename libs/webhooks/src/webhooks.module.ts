import { IdentityModule } from '@greenlight/identity';
import { JobsModule } from '@greenlight/jobs';
import { Module } from '@nestjs/common';
import { WebhookDeliverer } from './delivery/webhook-deliverer';
import { WebhookDispatcher } from './delivery/webhook-dispatcher';
import { WebhookResolver } from './endpoints/webhook.resolver';
import { WebhookEndpointsService } from './endpoints/webhook-endpoints.service';

/**
 * Webhooks: admins' endpoints, the dispatcher turning outbox events into deliveries, and their
 * signed attempts on the job queue (needs `AppConfig` from the application). See docs/webhooks.md.
 */
@Module({
  imports: [IdentityModule, JobsModule],
  providers: [WebhookEndpointsService, WebhookDeliverer, WebhookDispatcher, WebhookResolver],
  exports: [WebhookEndpointsService, WebhookDeliverer, WebhookDispatcher],
})
export class WebhooksModule {}
