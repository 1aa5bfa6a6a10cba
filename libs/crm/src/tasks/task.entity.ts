import { CreatedAt } from '@greenlight/db';
import { Membership, TenantEntity } from '@greenlight/identity';
import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Contact } from '../contacts/contact.entity';
import { TaskStatus } from '../enums';
import { Interaction } from '../interactions/interaction.entity';

/** A follow-up with an assignee and a due date, usually born from an interaction. */
@ObjectType()
@Entity({ name: 'task' })
@Index('IDX_task_workspace_status_due', ['workspaceId', 'status', 'dueAt'])
@Index('IDX_task_assignee', ['workspaceId', 'assigneeId', 'status'])
@Index('IDX_task_account', ['accountId', 'status'])
@Index('IDX_task_interaction', ['workspaceId', 'interactionId'], { where: '"interaction_id" IS NOT NULL' })
@ForeignKey(() => Membership, ['workspaceId', 'assigneeId'], ['workspaceId', 'id'], {
  name: 'FK_task_assignee',
  onDelete: 'SET NULL',
})
@ForeignKey(() => Account, ['workspaceId', 'accountId'], ['workspaceId', 'id'], {
  name: 'FK_task_account',
  onDelete: 'SET NULL',
})
@ForeignKey(() => Contact, ['workspaceId', 'contactId'], ['workspaceId', 'id'], {
  name: 'FK_task_contact',
  onDelete: 'SET NULL',
})
@ForeignKey(() => Interaction, ['workspaceId', 'interactionId'], ['workspaceId', 'id'], {
  name: 'FK_task_interaction',
  onDelete: 'SET NULL',
})
export class Task extends TenantEntity {
  @Field()
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  dueAt: Date | null;

  @Field(() => TaskStatus)
  @Column({ type: 'enum', enum: TaskStatus, enumName: 'task_status', default: TaskStatus.OPEN })
  status: TaskStatus;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'uuid', nullable: true })
  contactId: string | null;

  @Column({ type: 'uuid', nullable: true })
  interactionId: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  completedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Field()
  @CreatedAt()
  createdAt: Date;
}
