import { InvalidInputException } from '@greenlight/common';
import { Membership, requireInWorkspace, WorkspaceScope } from '@greenlight/identity';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { ContactsService } from '../contacts/contacts.service';
import { InteractionsService } from '../interactions/interactions.service';
import { TasksService } from '../tasks/tasks.service';
import {
  BulkFailure,
  BulkMoveInteractionsInput,
  BulkResult,
  BulkUpdateContactsInput,
  BulkUpdateTasksInput,
} from './bulk.types';

/**
 * Edits of many rows at once, each through the same service call (checks and audit entry) as an
 * edit of one row, in its own transaction: a row that cannot change is reported and the others
 * still change. What the rows share (owner, assignee, account) is checked once, before any row.
 */
@Injectable()
export class BulkEditsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly contacts: ContactsService,
    private readonly tasks: TasksService,
    private readonly interactions: InteractionsService,
  ) {}

  async updateContacts(input: BulkUpdateContactsInput): Promise<BulkResult> {
    const { ids, ownerId, archived } = input;
    if (ownerId === undefined && archived === undefined)
      throw InvalidInputException.field('input', 'input must change the owner or archive or restore');
    await this.requireShared(Membership, 'input.ownerId', 'a member', ownerId);
    return eachRow(ids, async (id) => {
      if (ownerId !== undefined) await this.contacts.update({ id, ownerId });
      if (archived !== undefined) await this.contacts.setArchived(id, archived);
    });
  }

  async updateTasks(input: BulkUpdateTasksInput): Promise<BulkResult> {
    const { ids, assigneeId, status, dueAt } = input;
    if (assigneeId === undefined && status === undefined && dueAt === undefined)
      throw InvalidInputException.field('input', 'input must change the assignee, status or due time');
    await this.requireShared(Membership, 'input.assigneeId', 'a member', assigneeId);
    return eachRow(ids, (id) => this.tasks.update({ id, assigneeId, status, dueAt }));
  }

  async moveInteractions(input: BulkMoveInteractionsInput): Promise<BulkResult> {
    await this.requireShared(Account, 'input.accountId', 'an account', input.accountId);
    return eachRow(input.ids, (id) =>
      this.interactions.moveToAccount(id, input.accountId, input.keepOtherAccounts ?? false),
    );
  }

  private requireShared(entity: typeof Membership | typeof Account, field: string, what: string, id?: string | null) {
    return requireInWorkspace(this.scope, this.dataSource.manager, entity, field, what, id);
  }
}

/** Runs `edit` for each distinct id in order; refusals of one row become its failure. */
async function eachRow(ids: string[], edit: (id: string) => Promise<unknown>): Promise<BulkResult> {
  const failures: BulkFailure[] = [];
  const seen = new Set<string>();
  let updated = 0;
  for (const [index, id] of ids.entries()) {
    if (seen.has(id)) continue;
    seen.add(id);
    try {
      await edit(id);
      updated += 1;
    } catch (error) {
      if (error instanceof NotFoundException)
        failures.push({ index, code: 'NOT_FOUND', message: 'no such row in this workspace' });
      else if (error instanceof BadRequestException)
        failures.push({ index, code: 'BAD_USER_INPUT', message: error.message });
      else throw error;
    }
  }
  return { updated, failures };
}
