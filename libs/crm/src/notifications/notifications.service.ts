import { LoaderRegistry } from '@greenlight/common';
import { TenantContext, TenantSql, User, WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TaskStatus } from '../enums';
import { Interaction } from '../interactions/interaction.entity';
import { notificationsSql } from '../sql/notifications.sql';
import { Task } from '../tasks/task.entity';
import { NotificationSources } from './notification-sources';
import { MAX_NOTIFICATIONS, Notification, NotificationKind } from './notification.types';

/** How far back assignments and mentions are kept as notifications. */
export const NOTIFICATION_DAYS = 30;
/** Open tasks due within this long (or overdue) notify their assignee. */
const DUE_SOON_MS = 24 * 3_600_000;

const unread = (notifications: Notification[]) => notifications.filter((notification) => !notification.read).length;

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/**
 * The signed-in member's notifications, newest first: tasks others gave them, their tasks coming
 * due, interactions where someone else wrote `@Full Name` or `@FirstName`, and what other
 * libraries add (alerts on the member's accounts). Computed on read from the records themselves,
 * so they never go stale; which ones the member has read is stored per member.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly context: TenantContext,
    private readonly db: TenantSql,
    private readonly sources: NotificationSources,
  ) {}

  /** The member's notifications, newest first, each with whether they have read it. */
  async forMe(registry: LoaderRegistry, first = 30): Promise<Notification[]> {
    return (await this.latest(registry)).slice(0, first);
  }

  /** How many of the member's latest 100 notifications they have not read. */
  async unreadCount(registry: LoaderRegistry): Promise<number> {
    return unread(await this.latest(registry));
  }

  /** Marks some of the member's notifications read (or unread again); answers the unread count. */
  async mark(registry: LoaderRegistry, ids: string[], read: boolean): Promise<number> {
    const me = this.context.currentMember().membershipId;
    const marked = new Set(ids);
    const current = await this.latest(registry);
    const unique = [...marked];
    await this.db.execute(read ? notificationsSql.markRead(me, unique) : notificationsSql.markUnread(me, unique));
    return unread(this.remember(registry, current.map((n) => (marked.has(n.id) ? { ...n, read } : n))));
  }

  /**
   * Marks every notification the member has now (the latest 100) read, and forgets the marks of
   * notifications no longer shown; answers how many were unread.
   */
  async markAllRead(registry: LoaderRegistry): Promise<number> {
    const me = this.context.currentMember().membershipId;
    const current = await this.latest(registry);
    const ids = current.map((notification) => notification.id);
    await this.dataSource.transaction(async (manager) => {
      await this.db.execute(notificationsSql.forgetAllBut(me, ids), manager);
      if (ids.length) await this.db.execute(notificationsSql.markRead(me, ids), manager);
    });
    this.remember(registry, current.map((n) => ({ ...n, read: true })));
    return unread(current);
  }

  /**
   * The member's latest 100 notifications with their read state, computed once per request (the
   * bell asks for the list and the unread count together); the marks a request makes update it.
   */
  private latest(registry: LoaderRegistry): Promise<Notification[]> {
    return this.loader(registry).load(this.context.currentMember().membershipId);
  }

  private remember(registry: LoaderRegistry, notifications: Notification[]): Notification[] {
    const me = this.context.currentMember().membershipId;
    this.loader(registry).clear(me).prime(me, notifications);
    return notifications;
  }

  private loader(registry: LoaderRegistry) {
    return registry.get<string, Notification[]>('crm.notifications', (members) =>
      Promise.all(members.map((me) => this.withReadState(me))),
    );
  }

  private async withReadState(me: string): Promise<Notification[]> {
    const notifications = await this.computed(MAX_NOTIFICATIONS, new Date());
    const read = new Set(
      notifications.length
        ? (await this.db.query<{ id: string }>(notificationsSql.read(me, notifications.map((n) => n.id)))).map((row) => row.id)
        : [],
    );
    return notifications.map((notification) => ({ ...notification, read: read.has(notification.id) }));
  }

  private async computed(first: number, now: Date): Promise<Omit<Notification, 'read'>[]> {
    const { membershipId: me, userId } = this.context.currentMember();
    const since = new Date(now.getTime() - NOTIFICATION_DAYS * 86_400_000);
    const tasks = this.scope.repository(Task, 'Task');
    const [assigned, due, mentions] = await Promise.all([
      tasks
        .query('t', (q) =>
          q
            .andWhere('t.assignee_id = :me', { me })
            .andWhere('t.status = :open', { open: TaskStatus.OPEN })
            .andWhere('t.created_by_id IS DISTINCT FROM :me', { me })
            .andWhere('t.created_at >= :since', { since }),
        )
        .orderBy('t.created_at', 'DESC')
        .take(first)
        .getMany(),
      tasks
        .query('t', (q) =>
          q
            .andWhere('t.assignee_id = :me', { me })
            .andWhere('t.status = :open', { open: TaskStatus.OPEN })
            .andWhere('t.due_at < :soon', { soon: new Date(now.getTime() + DUE_SOON_MS) }),
        )
        .orderBy('t.due_at', 'DESC')
        .take(first)
        .getMany(),
      this.mentionsOf(me, userId, since, first),
    ]);
    const sourced = await Promise.all(
      this.sources.all().map(async (source) =>
        (await source.forMember(me, first)).map(({ recordId, at, record }) => ({
          id: `${source.kind}:${recordId}`,
          kind: source.kind,
          at,
          record,
        })),
      ),
    );
    return [
      ...assigned.map((task) => ({
        id: `${NotificationKind.TASK_ASSIGNED}:${task.id}`,
        kind: NotificationKind.TASK_ASSIGNED,
        at: task.createdAt,
        task,
      })),
      ...due.map((task) => ({
        id: `${NotificationKind.TASK_DUE}:${task.id}`,
        kind: NotificationKind.TASK_DUE,
        // when it came within a day of its due time
        at: new Date(task.dueAt!.getTime() - DUE_SOON_MS),
        task,
      })),
      ...mentions.map((interaction) => ({
        id: `${NotificationKind.MENTION}:${interaction.id}`,
        kind: NotificationKind.MENTION,
        at: interaction.createdAt,
        interaction,
      })),
      ...sourced.flat(),
    ]
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, first);
  }

  private async mentionsOf(me: string, userId: string, since: Date, first: number): Promise<Interaction[]> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    const name = user?.name.trim();
    if (!name) return [];
    const names = [...new Set([name, name.split(/\s+/)[0]!])].map(escapeRegex);
    // `@` then the name, not followed by another letter (`@Ana` does not mention Anabel)
    const pattern = `@(${names.join('|')})($|[^[:alpha:]])`;
    return this.scope
      .repository(Interaction, 'Interaction')
      .query('i', (q) =>
        q
          .andWhere('i.created_at >= :since', { since })
          .andWhere('i.logged_by_id IS DISTINCT FROM :me', { me })
          .andWhere("(i.summary || ' ' || COALESCE(i.next_steps, '')) ~* :pattern", { pattern }),
      )
      .orderBy('i.created_at', 'DESC')
      .take(first)
      .getMany();
  }
}
