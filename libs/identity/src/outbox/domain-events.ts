/** What the outbox records and webhooks deliver; a payload's `data` holds ids and changed fields. */
export const DOMAIN_EVENT_TYPES = [
  'account.stage_changed',
  'interaction.logged',
  'pilot.status_changed',
  'pilot.criterion_met',
  'alert.opened',
  'alert.resolved',
  'grant.changed',
  'usage.identity_unmatched',
] as const;

export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/** The version of every type's `data` shape; raised when a shape changes incompatibly. */
export const DOMAIN_EVENT_VERSION = 1;

export interface DomainEvent {
  type: DomainEventType;
  data: Record<string, unknown>;
  /** When it happened (default: now). */
  at?: Date;
}
