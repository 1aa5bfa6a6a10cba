import { CrmModule, NotificationSources } from '@greenlight/crm';
import { IdentityModule } from '@greenlight/identity';
import { JobsModule } from '@greenlight/jobs';
import { Module } from '@nestjs/common';
import { WebhookDeliverer } from './delivery/webhook-deliverer';
import { WebhookDispatcher } from './delivery/webhook-dispatcher';
import { WebhookResolver } from './endpoints/webhook.resolver';
import { WebhookEndpointsService } from './endpoints/webhook-endpoints.service';
import { DisabledWebhookNotificationSource, NotificationWebhookResolver } from './endpoints/webhook-notifications';

/**
 * Webhooks: admins' endpoints, the dispatcher turning outbox events into deliveries, and their
 * signed attempts on the job queue (needs `AppConfig` from the application). An endpoint disabled
 * after failing for 24 h is a notification of the workspace's admins. See docs/webhooks.md.
 */
@Module({
  imports: [IdentityModule, JobsModule, CrmModule],
  providers: [
    WebhookEndpointsService,
    WebhookDeliverer,
    WebhookDispatcher,
    WebhookResolver,
    DisabledWebhookNotificationSource,
    NotificationWebhookResolver,
  ],
  exports: [WebhookEndpointsService, WebhookDeliverer, WebhookDispatcher],
})
export class WebhooksModule {
  constructor(notifications: NotificationSources, disabled: DisabledWebhookNotificationSource) {
    notifications.register(disabled);
  }
}
