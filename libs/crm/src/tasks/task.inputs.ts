import { ConnectionArgs, IsNotBlank, IsDateInRange } from '@greenlight/common';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { TaskStatus } from '../enums';

@InputType()
export class CreateTaskInput {
  @Field()
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  title: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to the member creating it.' })
  @IsOptional()
  @IsUUID('all', { message: 'assigneeId must be a member id' })
  assigneeId?: string;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate({ message: 'dueAt must be a date-time' })
  @IsDateInRange()
  dueAt?: Date;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'accountId must be an account id' })
  accountId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'contactId must be a contact id' })
  contactId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'interactionId must be an interaction id' })
  interactionId?: string;
}

@InputType()
export class UpdateTaskInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a task id' })
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  title?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'assigneeId must be a member id' })
  assigneeId?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate({ message: 'dueAt must be a date-time' })
  @IsDateInRange()
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
  @IsOptional()
  @IsUUID('all', { each: true, message: 'assigneeIds must be member ids' })
  assigneeIds?: string[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'accountId must be an account id' })
  accountId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'contactId must be a contact id' })
  contactId?: string;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'dueAfter must be a date-time' })
  @IsDateInRange()
  dueAfter?: Date;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'dueBefore must be a date-time' })
  @IsDateInRange()
  dueBefore?: Date;

  @Field({ nullable: true, description: 'Only open tasks whose due time has passed.' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;
}

@ArgsType()
export class TasksArgs extends ConnectionArgs {
  @Field(() => TaskFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TaskFilter)
  filter?: TaskFilter;
}
