import { WebhookAttempt } from './delivery/webhook-attempt.entity';
import { WebhookDelivery } from './delivery/webhook-delivery.entity';
import { WebhookEndpoint } from './endpoints/webhook-endpoint.entity';

export { WebhookAttempt, WebhookDelivery, WebhookEndpoint };

/** Every table the webhooks context owns (the outbox is identity's). */
export const WEBHOOKS_ENTITIES = [WebhookEndpoint, WebhookDelivery, WebhookAttempt];
