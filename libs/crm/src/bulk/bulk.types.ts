import { IdArg, IsDateInRange } from '@greenlight/common';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsDate, IsEnum, IsOptional } from 'class-validator';
import { TaskStatus } from '../enums';

/** The most rows one bulk edit changes. */
export const MAX_BULK_ROWS = 100;

@ObjectType({ description: 'A row a bulk edit left unchanged, and why.' })
export class BulkFailure {
  @Field(() => Int, { description: 'Its position in `ids`.' })
  index: number;

  @Field({ description: '`NOT_FOUND` (no such row in this workspace) or `BAD_USER_INPUT`.' })
  code: string;

  @Field()
  message: string;
}

@ObjectType({ description: 'What a bulk edit did: each row is changed (and audited) on its own.' })
export class BulkResult {
  @Field(() => Int, { description: 'Rows changed.' })
  updated: number;

  @Field(() => [BulkFailure], { description: 'Rows left unchanged, in the order of `ids`.' })
  failures: BulkFailure[];
}

@InputType({ isAbstract: true })
abstract class BulkRows {
  @Field(() => [ID], { description: `The rows to change, 1 to ${MAX_BULK_ROWS}.` })
  @ArrayMinSize(1, { message: 'ids must name at least one row' })
  @ArrayMaxSize(MAX_BULK_ROWS, { message: `ids must name at most ${MAX_BULK_ROWS} rows` })
  @IdArg('a row', { each: true })
  ids: string[];
}

@InputType({ description: 'Changes for many contacts at once; at least one.' })
export class BulkUpdateContactsInput extends BulkRows {
  @Field(() => ID, { nullable: true, description: 'The new owner; null leaves them without one.' })
  @IdArg('a member', { optional: true })
  ownerId?: string | null;

  @Field({ nullable: true, description: 'true archives them, false restores them.' })
  @IsOptional()
  @IsBoolean({ message: 'archived must be true or false' })
  archived?: boolean;
}

@InputType({ description: 'Changes for many tasks at once; at least one.' })
export class BulkUpdateTasksInput extends BulkRows {
  @Field(() => ID, { nullable: true, description: 'The new assignee.' })
  @IdArg('a member', { optional: true })
  assigneeId?: string;

  @Field(() => TaskStatus, { nullable: true, description: 'DONE completes them; OPEN reopens them.' })
  @IsOptional()
  @IsEnum(TaskStatus, { message: 'status must be open, done or cancelled' })
  status?: TaskStatus;

  @Field(() => Date, { nullable: true, description: 'The new due time; null leaves them undated.' })
  @IsOptional()
  @IsDate({ message: 'dueAt must be a date-time' })
  @IsDateInRange()
  dueAt?: Date | null;
}

@InputType({ description: 'Many interactions moved to (or also linked to) one account.' })
export class BulkMoveInteractionsInput extends BulkRows {
  @Field(() => ID)
  @IdArg('an account')
  accountId: string;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'true adds the account beside their others; false (default) makes it their only account.',
  })
  @IsOptional()
  @IsBoolean({ message: 'keepOtherAccounts must be true or false' })
  keepOtherAccounts?: boolean;
}
