import { TenantContext, User, WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TaskStatus } from '../enums';
import { Interaction } from '../interactions/interaction.entity';
import { Task } from '../tasks/task.entity';
import { Notification, NotificationKind } from './notification.types';

/** How far back assignments and mentions are kept as notifications. */
export const NOTIFICATION_DAYS = 30;
/** Open tasks due within this long (or overdue) notify their assignee. */
const DUE_SOON_MS = 24 * 3_600_000;

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/**
 * The signed-in member's notifications, newest first: tasks others gave them, their tasks coming
 * due, and interactions where someone else wrote `@Full Name` or `@FirstName`. Computed on read
 * from the records themselves, so they never go stale; alerts on the member's accounts come from
 * the alerts query.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly context: TenantContext,
  ) {}

  async forMe(first = 30, now = new Date()): Promise<Notification[]> {
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
