import { EntityNotFoundException, InvalidInputException } from '@greenlight/common';
import { ContactKind, ContactsService } from '@greenlight/crm';
import { TenantContext, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { CaptureWriter } from '../capture-writer';
import { CaptureSuggestion } from '../entities';
import { reviewSql } from '../sql/review.sql';

/** At most this many suggestions are decided in one call. */
const MAX_BULK = 100;

interface Decision {
  id: string;
  status: 'accepted' | 'dismissed';
  /** The contact created for an accepted address. */
  contactId: string | null;
  /** The interaction logged for an accepted message. */
  interactionId: string | null;
}

/**
 * The review queue of capture: suggested contacts (unknown addresses at a known account's domain)
 * and messages that matched nobody. Accepting a contact creates it at that account and links the
 * interactions it took part in; accepting a message logs it. Dismissed entries are remembered.
 */
@Injectable()
export class ReviewQueueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
    private readonly contacts: ContactsService,
    private readonly writer: CaptureWriter,
    private readonly tenantSql: TenantSql,
  ) {}

  pending(limit: number): Promise<CaptureSuggestion[]> {
    return this.dataSource.getRepository(CaptureSuggestion).find({
      where: { workspaceId: this.context.currentWorkspaceId(), status: 'pending' },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: Math.min(Math.max(limit, 1), 500),
    });
  }

  async dismiss(ids: string[]): Promise<Decision[]> {
    const suggestions = await this.load(ids);
    await this.dataSource
      .getRepository(CaptureSuggestion)
      .update(
        { workspaceId: this.context.currentWorkspaceId(), id: In(suggestions.map((s) => s.id)) },
        { status: 'dismissed' },
      );
    return suggestions.map((s) => ({ id: s.id, status: 'dismissed', contactId: null, interactionId: null }));
  }

  async accept(ids: string[]): Promise<Decision[]> {
    const decisions: Decision[] = [];
    for (const suggestion of await this.load(ids)) {
      decisions.push(
        suggestion.kind === 'contact'
          ? await this.acceptContact(suggestion)
          : await this.acceptMessage(suggestion),
      );
    }
    return decisions;
  }

  private async acceptContact(suggestion: CaptureSuggestion): Promise<Decision> {
    const contact = await this.contacts.create({
      name: suggestion.label.includes('@') ? nameFromAddress(suggestion.label) : suggestion.label,
      kind: ContactKind.OTHER,
      emails: [suggestion.key],
      ...(suggestion.accountId ? { accountId: suggestion.accountId } : {}),
    });
    await this.dataSource.transaction(async (manager) => {
      await this.tenantSql.execute(reviewSql.addContactToCaptured(contact.id, suggestion.key), manager);
      await manager.update(
        CaptureSuggestion,
        { workspaceId: suggestion.workspaceId, id: suggestion.id },
        { status: 'accepted' },
      );
    });
    return { id: suggestion.id, status: 'accepted', contactId: contact.id, interactionId: null };
  }

  private async acceptMessage(suggestion: CaptureSuggestion): Promise<Decision> {
    const message = suggestion.message!;
    let interactionId: string | null = null;
    await this.dataSource.transaction(async (manager) => {
      const outcome = await this.writer.record(
        suggestion.workspaceId,
        suggestion.memberId,
        [
          {
            source: 'email',
            externalId: message.messageId,
            recurrenceId: '',
            sequence: 0,
            occurredAt: new Date(message.sentAt),
            timeZone: 'UTC',
            durationMinutes: null,
            location: null,
            summary: message.subject,
            notes: message.excerpt || null,
            participants: message.participants.map((p) => ({ email: p.address, name: p.name || null })),
            cancelled: false,
            threadKey: message.references[0] ?? message.inReplyTo ?? message.messageId,
            attachments: message.attachments,
          },
        ],
        { manager, force: true },
      );
      interactionId = outcome.interactionIds[0] ?? null;
      await manager.update(
        CaptureSuggestion,
        { workspaceId: suggestion.workspaceId, id: suggestion.id },
        { status: 'accepted' },
      );
    });
    return { id: suggestion.id, status: 'accepted', contactId: null, interactionId };
  }

  private async load(ids: string[]): Promise<CaptureSuggestion[]> {
    if (ids.length > MAX_BULK)
      throw InvalidInputException.field('ids', `at most ${MAX_BULK} suggestions at once`);
    const unique = [...new Set(ids)];
    const found = await this.dataSource.getRepository(CaptureSuggestion).findBy({
      workspaceId: this.context.currentWorkspaceId(),
      id: In(unique),
      status: 'pending',
    });
    const missing = unique.find((id) => !found.some((s) => s.id === id));
    if (missing) throw new EntityNotFoundException('Pending suggestion', missing);
    return found;
  }
}

function nameFromAddress(address: string): string {
  const local = address
    .split('@')[0]
    .replace(/[._-]+/g, ' ')
    .trim();
  return local.replace(/\b\w/g, (c) => c.toUpperCase()) || address;
}
