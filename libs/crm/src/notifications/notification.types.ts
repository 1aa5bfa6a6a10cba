import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Matches, Max, Min } from 'class-validator';
import { Interaction } from '../interactions/interaction.entity';
import { Task } from '../tasks/task.entity';

export enum NotificationKind {
  /** Someone else gave the member an open task. */
  TASK_ASSIGNED = 'TASK_ASSIGNED',
  /** One of the member's open tasks is overdue or due within a day. */
  TASK_DUE = 'TASK_DUE',
  /** Someone else named the member (`@Name`) in an interaction's summary or next steps. */
  MENTION = 'MENTION',
  /** An open alert on an account the member owns. */
  ALERT = 'ALERT',
  /** A webhook endpoint Greenlight disabled after failing for 24 h (the workspace's admins). */
  WEBHOOK_DISABLED = 'WEBHOOK_DISABLED',
}
registerEnumType(NotificationKind, { name: 'NotificationKind' });

/** `KIND:recordId`: the id of the notification about one record. */
export const NOTIFICATION_ID = new RegExp(
  `^(${Object.values(NotificationKind).join('|')}):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`,
);
/** The most notifications listed, counted or marked at once. */
export const MAX_NOTIFICATIONS = 100;

/** Something for the signed-in member to look at. */
@ObjectType()
export class Notification {
  @Field(() => ID, { description: 'Stable for the same event: `KIND:recordId`.' })
  id: string;

  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field({
    description:
      'When it happened: the task given, the task a day before its due time, the interaction logged, the alert raised, the endpoint disabled.',
  })
  at: Date;

  @Field({ description: 'Whether the member has read it (kept per member on the server).' })
  read: boolean;

  @Field(() => Task, { nullable: true })
  task?: Task;

  @Field(() => Interaction, { nullable: true })
  interaction?: Interaction;

  /** The record of a notification another library gives (see NotificationSources). */
  record?: object;
}

@ArgsType()
export class NotificationsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 30, description: 'At most this many (1 to 100).' })
  @IsOptional()
  @Min(1, { message: 'first must be at least 1' })
  @Max(MAX_NOTIFICATIONS, { message: `first must be at most ${MAX_NOTIFICATIONS}` })
  first?: number;
}

@ArgsType()
export class MarkNotificationsArgs {
  @Field(() => [ID], { description: 'Notification ids (`KIND:recordId`), 1 to 100.' })
  @ArrayMinSize(1, { message: 'ids must name at least one notification' })
  @ArrayMaxSize(MAX_NOTIFICATIONS, { message: `ids must name at most ${MAX_NOTIFICATIONS} notifications` })
  @Matches(NOTIFICATION_ID, { each: true, message: 'ids must be notification ids such as TASK_DUE:<task id>' })
  ids: string[];

  @Field({ nullable: true, defaultValue: true, description: 'false marks them unread again.' })
  @IsOptional()
  read?: boolean;
}
