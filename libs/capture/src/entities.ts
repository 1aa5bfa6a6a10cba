import { Account, Interaction } from '@greenlight/crm';
import { CreatedAt, UpdatedAt } from '@greenlight/db';
import { Membership, TenantEntity } from '@greenlight/identity';
import { Column, Entity, ForeignKey, Index, Unique } from 'typeorm';

export type SubscriptionStatus = 'pending' | 'ok' | 'failing' | 'refused';
export type CaptureSource = 'calendar' | 'email';
export type SuggestionKind = 'contact' | 'message';
export type SuggestionStatus = 'pending' | 'accepted' | 'dismissed';

/** A member's calendar: a secret ICS address polled on a schedule, or an uploaded file. */
@Entity({ name: 'calendar_subscription' })
@Index('IDX_calendar_subscription_due', ['nextPollAt'])
@Index('IDX_calendar_subscription_member', ['workspaceId', 'memberId'])
@ForeignKey(() => Membership, ['workspaceId', 'memberId'], ['workspaceId', 'id'], {
  name: 'FK_calendar_subscription_member',
  onDelete: 'CASCADE',
})
export class CalendarSubscription extends TenantEntity {
  @Column({ type: 'uuid' })
  memberId: string;

  @Column({ type: 'text' })
  name: string;

  /** The secret address; null for an uploaded file. */
  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Column({ type: 'text', nullable: true })
  etag: string | null;

  @Column({ type: 'text', nullable: true })
  lastModified: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: SubscriptionStatus;

  /** Why the last poll failed or what it left out, in words. */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastPolledAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastSuccessAt: Date | null;

  /** Events of the last successful import that became (or updated) interactions. */
  @Column({ type: 'int', default: 0 })
  eventsImported: number;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  nextPollAt: Date;

  /** Set while the member has paused polling. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  pausedAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}

/**
 * An interaction logged by capture, keyed by where it came from: a calendar event occurrence
 * (UID and recurrence id) or an e-mail (Message-ID), so capturing it again changes nothing.
 */
@Entity({ name: 'captured_item' })
@Unique('UQ_captured_item_key', ['workspaceId', 'source', 'externalId', 'recurrenceId'])
@Index('IDX_captured_item_interaction', ['workspaceId', 'interactionId'])
@Index('IDX_captured_item_subscription', ['workspaceId', 'subscriptionId', 'occurredAt'])
@ForeignKey(() => Interaction, ['workspaceId', 'interactionId'], ['workspaceId', 'id'], {
  name: 'FK_captured_item_interaction',
  onDelete: 'CASCADE',
})
@ForeignKey(() => CalendarSubscription, ['workspaceId', 'subscriptionId'], ['workspaceId', 'id'], {
  name: 'FK_captured_item_subscription',
  onDelete: 'SET NULL',
})
export class CapturedItem extends TenantEntity {
  @Column({ type: 'uuid' })
  interactionId: string;

  @Column({ type: 'text' })
  source: CaptureSource;

  /** The event's UID or the message's Message-ID. */
  @Column({ type: 'text' })
  externalId: string;

  /** The occurrence's RECURRENCE-ID (UTC, ISO 8601); empty for a single event or an e-mail. */
  @Column({ type: 'text', default: '' })
  recurrenceId: string;

  @Column({ type: 'uuid', nullable: true })
  subscriptionId: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Column({ type: 'int', default: 0 })
  sequence: number;

  /** Hash of what the interaction was made of: an update with the same content changes nothing. */
  @Column({ type: 'text' })
  fingerprint: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** Every participant address, lower case (for linking a contact accepted later). */
  @Column({ type: 'text', array: true, default: '{}' })
  participants: string[];

  /** E-mail: the Message-ID of the first message of the thread. */
  @Column({ type: 'text', nullable: true })
  threadKey: string | null;

  /** E-mail attachments: name and size only. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: { name: string; size: number }[];

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/** An event (one occurrence) or a whole series a member asked capture to leave alone. */
@Entity({ name: 'capture_exclusion' })
@Unique('UQ_capture_exclusion_event', ['workspaceId', 'uid', 'recurrenceId'])
export class CaptureExclusion extends TenantEntity {
  @Column({ type: 'text' })
  uid: string;

  /** Empty: the whole series. */
  @Column({ type: 'text', default: '' })
  recurrenceId: string;

  /** The event's title when it was excluded. */
  @Column({ type: 'text', default: '' })
  label: string;

  @CreatedAt()
  createdAt: Date;
}

/**
 * The review queue: an unknown address at a known account's domain (a suggested contact), or a
 * message that matched nobody. Dismissed entries stay, so the same suggestion never comes back.
 */
@Entity({ name: 'capture_suggestion' })
@Unique('UQ_capture_suggestion_key', ['workspaceId', 'kind', 'key'])
@Index('IDX_capture_suggestion_status', ['workspaceId', 'status', 'createdAt'])
@ForeignKey(() => Account, ['workspaceId', 'accountId'], ['workspaceId', 'id'], {
  name: 'FK_capture_suggestion_account',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Membership, ['workspaceId', 'memberId'], ['workspaceId', 'id'], {
  name: 'FK_capture_suggestion_member',
  onDelete: 'CASCADE',
})
export class CaptureSuggestion extends TenantEntity {
  @Column({ type: 'text' })
  kind: SuggestionKind;

  /** The address (contact) or the Message-ID (message). */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text', default: 'pending' })
  status: SuggestionStatus;

  /** Display name seen with the address, or the message's subject. */
  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  /** Whose calendar or BCC address brought it. */
  @Column({ type: 'uuid' })
  memberId: string;

  /** A message: sender, recipients, date, first lines, attachments. */
  @Column({ type: 'jsonb', nullable: true })
  message: CapturedMessageSnapshot | null;

  @CreatedAt()
  createdAt: Date;
}

export interface CapturedMessageSnapshot {
  messageId: string;
  subject: string;
  from: string;
  participants: { address: string; name: string }[];
  sentAt: string;
  excerpt: string;
  inReplyTo: string | null;
  references: string[];
  attachments: { name: string; size: number }[];
}

/** A member's private BCC address: `log+<token>@<SMTP_DOMAIN>`. */
@Entity({ name: 'mail_token' })
@Unique('UQ_mail_token_member', ['workspaceId', 'memberId'])
@ForeignKey(() => Membership, ['workspaceId', 'memberId'], ['workspaceId', 'id'], {
  name: 'FK_mail_token_member',
  onDelete: 'CASCADE',
})
export class MailToken extends TenantEntity {
  @Column({ type: 'uuid' })
  memberId: string;

  @Index('UQ_mail_token_token', { unique: true })
  @Column({ type: 'text' })
  token: string;

  @CreatedAt()
  createdAt: Date;
}

export const CAPTURE_ENTITIES = [
  CalendarSubscription,
  CapturedItem,
  CaptureExclusion,
  CaptureSuggestion,
  MailToken,
];
