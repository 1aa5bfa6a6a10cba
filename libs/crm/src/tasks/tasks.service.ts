import { Connection, paginate, SortDirection, SortKey } from '@greenlight/common';
import { AuditService, memberIdOf, Membership, requireInWorkspace, TenantContext, WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Contact } from '../contacts/contact.entity';
import { TaskStatus } from '../enums';
import { Interaction } from '../interactions/interaction.entity';
import { CreateTaskInput, TasksArgs, TaskSortField, UpdateTaskInput } from './task.inputs';
import { Task } from './task.entity';

const SORT_EXPRESSIONS: Record<TaskSortField, Omit<SortKey<Task>, 'direction'>> = {
  [TaskSortField.DUE_AT]: {
    expression: "COALESCE(t.due_at, 'infinity'::timestamptz)",
    value: (t) => t.dueAt?.toISOString() ?? 'infinity',
    part: 'timestamp',
  },
  [TaskSortField.CREATED_AT]: {
    expression: 't.created_at',
    value: (t) => t.createdAt.toISOString(),
    part: 'timestamp',
  },
  [TaskSortField.TITLE]: { expression: 'lower(t.title)', value: (t) => t.title.toLowerCase(), part: 'text' },
};

const snapshot = (task: Task) => ({
  title: task.title,
  assigneeId: task.assigneeId,
  dueAt: task.dueAt,
  status: task.status,
  accountId: task.accountId,
  contactId: task.contactId,
  interactionId: task.interactionId,
});

@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly audit: AuditService,
    private readonly context: TenantContext,
  ) {}

  repository(manager?: EntityManager) {
    return this.scope.repository(Task, 'Task', manager);
  }

  get(id: string): Promise<Task> {
    return this.repository().getById(id);
  }

  list(args: TasksArgs): Promise<Connection<Task>> {
    const filter = args.filter ?? {};
    const query = this.repository().query('t', (q) => {
      if (filter.statuses?.length) q.andWhere('t.status IN (:...statuses)', { statuses: filter.statuses });
      if (filter.assigneeIds?.length)
        q.andWhere('t.assignee_id IN (:...assigneeIds)', { assigneeIds: filter.assigneeIds });
      if (filter.accountId) q.andWhere('t.account_id = :accountId', { accountId: filter.accountId });
      if (filter.contactId) q.andWhere('t.contact_id = :contactId', { contactId: filter.contactId });
      if (filter.dueAfter) q.andWhere('t.due_at >= :dueAfter', { dueAfter: filter.dueAfter });
      if (filter.dueBefore) q.andWhere('t.due_at < :dueBefore', { dueBefore: filter.dueBefore });
      if (filter.overdue) q.andWhere("t.status = 'open' AND t.due_at < now()");
      if (filter.text)
        q.andWhere('t.title ILIKE :like', { like: `%${filter.text.replace(/[%_\\]/g, '\\$&')}%` });
      return q;
    });
    // soonest due first by default; tasks without a due date last
    const sort = SORT_EXPRESSIONS[args.sortBy ?? TaskSortField.DUE_AT];
    const key: SortKey<Task> = { ...sort, direction: args.sortDirection ?? SortDirection.ASC };
    return paginate(query, args, key, { expression: 't.id', value: (t) => t.id });
  }

  async create(input: CreateTaskInput): Promise<Task> {
    return this.dataSource.transaction((manager) => this.createWithin(manager, input));
  }

  /** Creates a task inside the caller's transaction (used when logging an interaction). */
  async createWithin(manager: EntityManager, input: CreateTaskInput, field = 'input'): Promise<Task> {
    const principal = this.context.principal();
    const me = memberIdOf(principal);
    await this.checkReferences(manager, input, field);
    const task = await this.repository(manager).insert({
      title: input.title.trim(),
      assigneeId: input.assigneeId ?? me,
      dueAt: input.dueAt ?? null,
      status: TaskStatus.OPEN,
      accountId: input.accountId ?? null,
      contactId: input.contactId ?? null,
      interactionId: input.interactionId ?? null,
      createdById: me,
    });
    await this.audit.record(
      { entity: 'task', entityId: task.id, action: 'create', after: snapshot(task) },
      manager,
    );
    return task;
  }

  async update(input: UpdateTaskInput): Promise<Task> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.repository(manager).getById(input.id, { lock: true });
      const before = snapshot(task);
      await this.checkReferences(manager, { assigneeId: input.assigneeId ?? undefined }, 'input');
      if (input.title !== undefined) task.title = input.title.trim();
      if (input.assigneeId !== undefined) task.assigneeId = input.assigneeId;
      if (input.dueAt !== undefined) task.dueAt = input.dueAt;
      if (input.status !== undefined && input.status !== task.status) {
        task.status = input.status;
        task.completedAt = input.status === TaskStatus.DONE ? new Date() : null;
      }
      const saved = await this.repository(manager).save(task);
      await this.audit.record(
        { entity: 'task', entityId: task.id, action: 'update', before, after: snapshot(saved) },
        manager,
      );
      return saved;
    });
  }

  complete(id: string): Promise<Task> {
    return this.update({ id, status: TaskStatus.DONE });
  }

  /** Assignee, account, contact and interaction must all be in this workspace. */
  private async checkReferences(
    manager: EntityManager,
    input: { assigneeId?: string; accountId?: string; contactId?: string; interactionId?: string },
    field: string,
  ): Promise<void> {
    const checks: [string | undefined, Function, string, string][] = [
      [input.assigneeId, Membership, 'assigneeId', 'a member'],
      [input.accountId, Account, 'accountId', 'an account'],
      [input.contactId, Contact, 'contactId', 'a contact'],
      [input.interactionId, Interaction, 'interactionId', 'an interaction'],
    ];
    for (const [id, entity, name, what] of checks) {
      const path = field === 'input' ? name : `${field}.${name}`;
      await requireInWorkspace(this.scope, manager, entity as never, path, what, id);
    }
  }
}
