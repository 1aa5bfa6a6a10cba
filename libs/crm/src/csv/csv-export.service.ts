import { Connection, InvalidInputException } from '@greenlight/common';
import { Injectable } from '@nestjs/common';
import { Writable } from 'node:stream';
import { Account } from '../accounts/account.entity';
import { AccountsArgs } from '../accounts/account.inputs';
import { AccountsService } from '../accounts/accounts.service';
import { Contact } from '../contacts/contact.entity';
import { ContactsArgs } from '../contacts/contact.inputs';
import { ContactsService } from '../contacts/contacts.service';
import { Interaction } from '../interactions/interaction.entity';
import { InteractionsArgs } from '../interactions/interaction.inputs';
import { InteractionsService } from '../interactions/interactions.service';
import { Task } from '../tasks/task.entity';
import { TasksArgs } from '../tasks/task.inputs';
import { TasksService } from '../tasks/tasks.service';
import { CsvRow, writeCsvPages } from './csv-export-helpers';

export const EXPORT_KINDS = ['accounts', 'contacts', 'interactions', 'tasks'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

interface Exporter<T, A> {
  list: (args: A) => Promise<Connection<T>>;
  row: (item: T) => CsvRow;
}

const day = (date: Date | null) => date?.toISOString() ?? null;

/** Streams a filtered list of the CRM as CSV, page by page. */
@Injectable()
export class CsvExportService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly interactions: InteractionsService,
    private readonly tasks: TasksService,
  ) {}

  private exporters(): Record<ExportKind, Exporter<never, never>> {
    const accounts: Exporter<Account, AccountsArgs> = {
      list: (args) => this.accounts.list(args),
      row: (a) => ({
        id: a.id,
        name: a.name,
        kind: a.kind,
        region: a.region,
        tier: a.tier,
        website: a.website,
        domains: a.domains.join('; '),
        expectedAnnualValue: a.expectedAnnualValue,
        currency: a.currency,
        tags: a.tags.join('; '),
        stageId: a.stageId,
        stageEnteredAt: day(a.stageEnteredAt),
        ownerId: a.ownerId,
        parentId: a.parentId,
        archivedAt: day(a.archivedAt),
        createdAt: day(a.createdAt),
      }),
    };
    const contacts: Exporter<Contact, ContactsArgs> = {
      list: (args) => this.contacts.list(args),
      row: (c) => ({
        id: c.id,
        name: c.name,
        title: c.title,
        kind: c.kind,
        emails: c.emails.join('; '),
        phones: c.phones.join('; '),
        ownerId: c.ownerId,
        relationshipStrength: c.relationshipStrength,
        notes: c.notes,
        createdAt: day(c.createdAt),
      }),
    };
    const interactions: Exporter<Interaction, InteractionsArgs> = {
      list: (args) => this.interactions.list(args),
      row: (i) => ({
        id: i.id,
        kind: i.kind,
        occurredAt: day(i.occurredAt),
        timeZone: i.timeZone,
        durationMinutes: i.durationMinutes,
        location: i.location,
        summary: i.summary,
        sentiment: i.sentiment,
        nextSteps: i.nextSteps,
        loggedById: i.loggedById,
      }),
    };
    const tasks: Exporter<Task, TasksArgs> = {
      list: (args) => this.tasks.list(args),
      row: (t) => ({
        id: t.id,
        title: t.title,
        status: t.status,
        dueAt: day(t.dueAt),
        assigneeId: t.assigneeId,
        accountId: t.accountId,
        contactId: t.contactId,
        interactionId: t.interactionId,
        completedAt: day(t.completedAt),
      }),
    };
    return { accounts, contacts, interactions, tasks } as unknown as Record<
      ExportKind,
      Exporter<never, never>
    >;
  }

  /** Writes the CSV of a list to `output` (see `writeCsvPages`). */
  async export(
    kind: string,
    args: Record<string, unknown>,
    output: Writable,
    onStart: () => void = () => undefined,
  ): Promise<number> {
    if (!EXPORT_KINDS.includes(kind as ExportKind)) {
      throw InvalidInputException.field('kind', `kind must be one of: ${EXPORT_KINDS.join(', ')}`);
    }
    const exporter = this.exporters()[kind as ExportKind] as unknown as Exporter<
      unknown,
      Record<string, unknown>
    >;
    return writeCsvPages((page) => exporter.list({ ...args, ...page }), exporter.row, output, onStart);
  }
}
