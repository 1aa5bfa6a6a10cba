import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsOptional, Max, Min } from 'class-validator';
import { Interaction } from '../interactions/interaction.entity';
import { Task } from '../tasks/task.entity';

export enum NotificationKind {
  /** Someone else gave the member an open task. */
  TASK_ASSIGNED = 'TASK_ASSIGNED',
  /** One of the member's open tasks is overdue or due within a day. */
  TASK_DUE = 'TASK_DUE',
  /** Someone else named the member (`@Name`) in an interaction's summary or next steps. */
  MENTION = 'MENTION',
}
registerEnumType(NotificationKind, { name: 'NotificationKind' });

/** Something for the signed-in member to look at. */
@ObjectType()
export class Notification {
  @Field(() => ID, { description: 'Stable for the same event: kind and record.' })
  id: string;

  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field({
    description:
      'When it happened: the task given, the task a day before its due time, the interaction logged.',
  })
  at: Date;

  @Field(() => Task, { nullable: true })
  task?: Task;

  @Field(() => Interaction, { nullable: true })
  interaction?: Interaction;
}

@ArgsType()
export class NotificationsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 30, description: 'At most this many (1 to 100).' })
  @IsOptional()
  @Min(1, { message: 'first must be at least 1' })
  @Max(100, { message: 'first must be at most 100' })
  first?: number;
}
