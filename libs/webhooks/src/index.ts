export * from './entities';
export * from './webhooks.module';
export { WebhookDeliverer, DELIVER_JOB } from './delivery/webhook-deliverer';
export { WebhookDispatcher } from './delivery/webhook-dispatcher';
export { WebhookEndpointsService } from './endpoints/webhook-endpoints.service';
export * from './endpoints/webhook-event-type';
export { MAX_RESPONSE_BYTES, post } from './delivery/outbound';
export { webhooksSql } from './sql/webhooks.sql';
