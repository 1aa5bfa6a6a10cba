import { ConnectionArgs, IdArg, IsDateTime, SortArg, SortDirection, Text } from '@greenlight/common';
import { ArgsType, Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { TaskStatus } from '../enums';

@InputType()
export class CreateTaskInput {
  @Field()
  @Text({ max: 300 })
  title: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to the member creating it.' })
  @IdArg('a member', { optional: true })
  assigneeId?: string;

  @Field(() => Date, { nullable: true })
  @IsDateTime({ optional: true })
  dueAt?: Date;

  @Field(() => ID, { nullable: true })
  @IdArg('an account', { optional: true })
  accountId?: string;

  @Field(() => ID, { nullable: true })
  @IdArg('a contact', { optional: true })
  contactId?: string;

  @Field(() => ID, { nullable: true })
  @IdArg('an interaction', { optional: true })
  interactionId?: string;
}

@InputType()
export class UpdateTaskInput {
  @Field(() => ID)
  @IdArg('a task')
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @Text({ max: 300 })
  title?: string;

  @Field(() => ID, { nullable: true })
  @IdArg('a member', { optional: true })
  assigneeId?: string | null;

  @Field(() => Date, { nullable: true })
  @IsDateTime({ optional: true })
  dueAt?: Date | null;

  @Field(() => TaskStatus, { nullable: true })
  @IsOptional()
  @IsEnum(TaskStatus, { message: 'status must be open, done or cancelled' })
  status?: TaskStatus;
}

@InputType()
export class TaskFilter {
  @Field(() => [TaskStatus], { nullable: true })
  @IsOptional()
  @IsEnum(TaskStatus, { each: true, message: 'statuses must be task statuses' })
  statuses?: TaskStatus[];

  @Field(() => [ID], { nullable: true })
  @IdArg('member', { optional: true, each: true })
  assigneeIds?: string[];

  @Field(() => ID, { nullable: true })
  @IdArg('an account', { optional: true })
  accountId?: string;

  @Field(() => ID, { nullable: true })
  @IdArg('a contact', { optional: true })
  contactId?: string;

  @Field(() => Date, { nullable: true })
  @Type(() => Date)
  @IsDateTime({ optional: true })
  dueAfter?: Date;

  @Field(() => Date, { nullable: true })
  @Type(() => Date)
  @IsDateTime({ optional: true })
  dueBefore?: Date;

  @Field({ nullable: true, description: 'Only open tasks whose due time has passed.' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  @Field({ nullable: true })
  @Text({ max: 200, optional: true, blank: true })
  text?: string;
}

/** What tasks are ordered by; tasks without a due date come after every dated one. */
export enum TaskSortField {
  DUE_AT = 'dueAt',
  CREATED_AT = 'createdAt',
  TITLE = 'title',
}
registerEnumType(TaskSortField, { name: 'TaskSortField' });

@ArgsType()
export class TasksArgs extends ConnectionArgs {
  @Field(() => TaskFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TaskFilter)
  filter?: TaskFilter;

  @SortArg(TaskSortField, TaskSortField.DUE_AT)
  sortBy?: TaskSortField;

  @SortArg(SortDirection, SortDirection.ASC)
  sortDirection?: SortDirection;
}
