import { DOMAIN_EVENT_TYPES, DomainEventType } from '@greenlight/identity';
import { registerEnumType } from '@nestjs/graphql';

/** The domain events an endpoint can subscribe to; the values are the payloads' `type`. */
export enum WebhookEventType {
  ACCOUNT_STAGE_CHANGED = 'account.stage_changed',
  INTERACTION_LOGGED = 'interaction.logged',
  PILOT_STATUS_CHANGED = 'pilot.status_changed',
  PILOT_CRITERION_MET = 'pilot.criterion_met',
  ALERT_OPENED = 'alert.opened',
  ALERT_RESOLVED = 'alert.resolved',
  GRANT_CHANGED = 'grant.changed',
  USAGE_IDENTITY_UNMATCHED = 'usage.identity_unmatched',
}
registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description:
    'A domain event; its value in payloads is lower case with a dot, e.g. `account.stage_changed`.',
});

/** The events a SLACK endpoint may carry: alerts, which read well as a chat message. */
export const SLACK_EVENT_TYPES: readonly DomainEventType[] = ['alert.opened', 'alert.resolved'];

// every domain event is offered, and nothing else
const offered: readonly string[] = Object.values(WebhookEventType);
if (
  offered.length !== DOMAIN_EVENT_TYPES.length ||
  DOMAIN_EVENT_TYPES.some((type) => !offered.includes(type))
)
  throw new Error('WebhookEventType must list exactly the domain event types');

export enum WebhookFormat {
  STANDARD = 'standard',
  SLACK = 'slack',
}
registerEnumType(WebhookFormat, {
  name: 'WebhookFormat',
  valuesMap: {
    STANDARD: { description: 'The versioned JSON event, signed per Standard Webhooks.' },
    SLACK: { description: 'A Slack incoming-webhook message (`{ "text": … }`), for alert events only.' },
  },
});

export enum WebhookDeliveryStatus {
  PENDING = 'pending',
  DELIVERED = 'delivered',
  FAILED = 'failed',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  valuesMap: {
    PENDING: { description: 'Not delivered yet: queued, or waiting for its next retry.' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: {
      description: 'Retries ran out (24 h) or the endpoint was disabled; can be redelivered by hand.',
    },
  },
});
