import { AppConfig } from '@greenlight/config';
import { READ_ONLY_ROLES, TenantContext, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { AddressObject, simpleParser } from 'mailparser';
import { createHash, randomBytes } from 'node:crypto';
import { Attendee, firstLines } from '../calendar/ics';
import { CaptureOutcome, CaptureWriter } from '../capture-writer';
import { CapturedMessageSnapshot } from '../entities';
import { mailSql } from '../sql/mail.sql';

/** Participants kept per message; a mail bomb's other recipients are left out. */
const MAX_PARTICIPANTS = 100;
/** References followed for threading. */
const MAX_REFERENCES = 50;

export interface MailRecipient {
  workspaceId: string;
  memberId: string;
}

export interface MailResult {
  /** `logged`, `duplicate` (already captured), `review` (matched nobody) or `ignored` (internal only, or already in review). */
  outcome: 'logged' | 'duplicate' | 'review' | 'ignored';
  interactionId: string | null;
  notes: string[];
}

/** A message that cannot be read at all. */
export class MalformedMessage extends Error {}

/**
 * BCC capture: members' private addresses `log+<token>@<SMTP_DOMAIN>`, and the messages sent to
 * them (through the SMTP listener or the raw MIME route) parsed with mailparser and logged as
 * e-mail interactions: matched like calendar events, threaded by Message-ID, In-Reply-To and
 * References, deduplicated by Message-ID; unmatched messages go to the review queue.
 */
@Injectable()
export class MailCaptureService {
  constructor(
    private readonly context: TenantContext,
    private readonly writer: CaptureWriter,
    private readonly config: AppConfig,
    private readonly tenantSql: TenantSql,
  ) {}

  /**
   * The signed-in member's BCC address, created on first use; none for a read-only member
   * (EXECUTIVE), who cannot log interactions.
   */
  async myAddress(): Promise<string | null> {
    const member = this.context.currentMember();
    if (READ_ONLY_ROLES.includes(member.role)) return null;
    await this.tenantSql.execute(mailSql.ensureToken(member.membershipId, newToken()));
    const row = await this.tenantSql.first<{ token: string }>(mailSql.tokenOf(member.membershipId));
    return this.addressOf(row!.token);
  }

  /** A new address for the signed-in member; the old one stops working at once. */
  async resetMyAddress(): Promise<string | null> {
    const member = this.context.currentMember();
    await this.tenantSql.execute(mailSql.replaceToken(member.membershipId, newToken()));
    return this.myAddress();
  }

  addressOf(token: string): string {
    return `log+${token}@${this.config.capture.smtp.domain}`;
  }

  /** The member an address delivers to: `log+<token>@<SMTP_DOMAIN>`, any case; else null. */
  async recipientOf(address: string): Promise<MailRecipient | null> {
    const match = /^log\+([a-z0-9]{16,64})@(.+)$/i.exec(address.trim());
    if (!match || match[2].toLowerCase() !== this.config.capture.smtp.domain) return null;
    // the token names the workspace: it is looked up before any workspace is known; only an active
    // member who may log interactions receives mail
    const row = await this.tenantSql
      .acrossWorkspaces()
      .first<{ workspace_id: string; member_id: string }>(mailSql.recipientOf(match[1].toLowerCase()));
    return row ? { workspaceId: row.workspace_id, memberId: row.member_id } : null;
  }

  /** The recipients among `addresses` that are BCC addresses of this workspace (API key route). */
  async recipientsIn(workspaceId: string, addresses: string[]): Promise<MailRecipient[]> {
    const found: MailRecipient[] = [];
    for (const address of addresses) {
      const recipient = await this.recipientOf(address);
      if (recipient && recipient.workspaceId === workspaceId) found.push(recipient);
    }
    return found;
  }

  /** Parses a raw message (mailparser); refuses what has no sender or cannot be read. */
  async parse(raw: Buffer): Promise<ParsedMessage> {
    let mail;
    try {
      mail = await simpleParser(raw, {
        skipHtmlToText: false,
        skipImageLinks: true,
        skipTextToHtml: true,
        skipTextLinks: true,
      });
    } catch (error) {
      throw new MalformedMessage(`the message cannot be read: ${(error as Error).message}`);
    }
    const from = addressesOf(mail.from);
    if (!from.length) throw new MalformedMessage('the message has no sender (From)');
    const notes: string[] = [];
    let participants = unique([...from, ...addressesOf(mail.to), ...addressesOf(mail.cc)]);
    if (participants.length > MAX_PARTICIPANTS) {
      notes.push(
        `the message has ${participants.length} participants: the first ${MAX_PARTICIPANTS} were kept`,
      );
      participants = participants.slice(0, MAX_PARTICIPANTS);
    }
    participants = participants.filter((p) => !/^log\+/i.test(p.email));
    const references = (
      Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : []
    ).slice(0, MAX_REFERENCES);
    const sentAt = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : new Date();
    const messageId =
      mail.messageId?.trim() || `<${createHash('sha256').update(raw).digest('hex')}@greenlight.invalid>`;
    return {
      messageId,
      subject: (mail.subject ?? '').trim().slice(0, 500) || '(no subject)',
      from: from[0].email,
      participants,
      sentAt,
      excerpt: firstLines(mail.text ?? '') ?? '',
      inReplyTo: mail.inReplyTo?.trim() || null,
      references,
      attachments: mail.attachments
        .slice(0, 100)
        .map((a) => ({ name: a.filename ?? 'attachment', size: a.size })),
      notes,
    };
  }

  /** Logs a parsed message for each recipient (one interaction whatever their number). */
  async capture(message: ParsedMessage, recipients: MailRecipient[]): Promise<MailResult[]> {
    const results: MailResult[] = [];
    for (const recipient of recipients) {
      const threadKey = await this.threadOf(recipient.workspaceId, message);
      const snapshot: CapturedMessageSnapshot = {
        messageId: message.messageId,
        subject: message.subject,
        from: message.from,
        participants: message.participants.map((p) => ({ address: p.email, name: p.name ?? '' })),
        sentAt: message.sentAt.toISOString(),
        excerpt: message.excerpt,
        inReplyTo: message.inReplyTo,
        references: message.references,
        attachments: message.attachments,
      };
      const outcome = await this.writer.record(recipient.workspaceId, recipient.memberId, [
        {
          source: 'email',
          externalId: message.messageId,
          recurrenceId: '',
          sequence: 0,
          occurredAt: message.sentAt,
          timeZone: 'UTC',
          durationMinutes: null,
          location: null,
          summary: message.subject,
          notes: message.excerpt || null,
          participants: message.participants,
          cancelled: false,
          threadKey,
          attachments: message.attachments,
          message: snapshot,
        },
      ]);
      results.push(resultOf(outcome, message.notes));
    }
    return results;
  }

  /** The first message of the thread this one answers, as far as capture has seen it. */
  private async threadOf(workspaceId: string, message: ParsedMessage): Promise<string> {
    const referenced = [...message.references, ...(message.inReplyTo ? [message.inReplyTo] : [])];
    if (referenced.length) {
      const known = await this.tenantSql
        .inWorkspace(workspaceId)
        .first<{ thread_key: string }>(mailSql.threadOf(referenced));
      if (known) return known.thread_key;
    }
    return message.references[0] ?? message.inReplyTo ?? message.messageId;
  }
}

interface ParsedMessage {
  messageId: string;
  subject: string;
  from: string;
  participants: Attendee[];
  sentAt: Date;
  excerpt: string;
  inReplyTo: string | null;
  references: string[];
  attachments: { name: string; size: number }[];
  notes: string[];
}

function resultOf(outcome: CaptureOutcome, notes: string[]): MailResult {
  if (outcome.created) return { outcome: 'logged', interactionId: outcome.interactionIds[0], notes };
  if (outcome.suggested) return { outcome: 'review', interactionId: null, notes };
  return { outcome: outcome.unchanged ? 'duplicate' : 'ignored', interactionId: null, notes };
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): Attendee[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  const found: Attendee[] = [];
  const walk = (entries: { address?: string; name?: string; group?: unknown[] }[]) => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group as typeof entries);
      const email = entry.address?.trim().toLowerCase();
      if (email && /^[^\s@]+@[^\s@]+$/.test(email)) found.push({ email, name: entry.name?.trim() || null });
    }
  };
  for (const object of objects) walk(object.value);
  return found;
}

function unique(attendees: Attendee[]): Attendee[] {
  const seen = new Map<string, Attendee>();
  for (const attendee of attendees) if (!seen.has(attendee.email)) seen.set(attendee.email, attendee);
  return [...seen.values()];
}

function newToken(): string {
  return randomBytes(15).toString('hex');
}
