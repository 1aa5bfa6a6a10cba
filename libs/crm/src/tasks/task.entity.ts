import { Membership, Workspace } from '@greenlight/identity';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
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
export class Task {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_task' })
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'FK_task_workspace' })
  workspace?: Workspace;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'FK_task_assignee' })
  assignee?: Membership;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  dueAt: Date | null;

  @Field(() => TaskStatus)
  @Column({ type: 'enum', enum: TaskStatus, enumName: 'task_status', default: TaskStatus.OPEN })
  status: TaskStatus;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_task_account' })
  account?: Account;

  @Column({ type: 'uuid', nullable: true })
  contactId: string | null;

  @ManyToOne(() => Contact, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'FK_task_contact' })
  contact?: Contact;

  @Column({ type: 'uuid', nullable: true })
  interactionId: string | null;

  @ManyToOne(() => Interaction, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'interaction_id', foreignKeyConstraintName: 'FK_task_interaction' })
  interaction?: Interaction;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  completedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
