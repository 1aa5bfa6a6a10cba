import { ConnectionArgs, IdArg, IsDateTime, SortArg, SortDirection, Text } from '@greenlight/common';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsOptional,
  Max,
  Min,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { InteractionKind, Sentiment } from '../enums';

@ValidatorConstraint({ name: 'timeZone' })
class IsTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'timeZone must be an IANA time zone such as America/Los_Angeles';
  }
}

@InputType({ description: 'A follow-up task created with the interaction.' })
export class FollowUpInput {
  @Field()
  @Text({ max: 300 })
  title: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to the member logging the interaction.' })
  @IdArg('a member', { optional: true })
  assigneeId?: string;

  @Field(() => Date, { nullable: true })
  @IsDateTime({ optional: true })
  dueAt?: Date;

  @Field(() => ID, { nullable: true, description: "Defaults to the interaction's first account." })
  @IdArg('an account', { optional: true })
  accountId?: string;

  @Field(() => ID, { nullable: true })
  @IdArg('a contact', { optional: true })
  contactId?: string;
}

@InputType()
export class LogInteractionInput {
  @Field(() => InteractionKind)
  @IsEnum(InteractionKind, { message: `kind must be one of: ${Object.values(InteractionKind).join(', ')}` })
  kind: InteractionKind;

  @Field()
  @IsDateTime()
  occurredAt: Date;

  @Field({ nullable: true, defaultValue: 'UTC' })
  @IsOptional()
  @Validate(IsTimeZone)
  timeZone?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'durationMinutes must be a whole number of minutes' })
  @Min(0, { message: 'durationMinutes must not be negative' })
  @Max(24 * 60 * 7, { message: 'durationMinutes must be at most a week' })
  durationMinutes?: number;

  @Field({ nullable: true })
  @Text({ max: 300, optional: true, blank: true })
  location?: string;

  @Field()
  @Text({ max: 50_000 })
  summary: string;

  @Field(() => Sentiment, { nullable: true })
  @IsOptional()
  @IsEnum(Sentiment, { message: 'sentiment must be positive, neutral or negative' })
  sentiment?: Sentiment;

  @Field({ nullable: true })
  @Text({ max: 5000, optional: true, blank: true })
  nextSteps?: string;

  @Field(() => [ID])
  @ArrayMinSize(1, { message: 'accountIds must name at least one account' })
  @ArrayMaxSize(20)
  @IdArg('an account', { each: true })
  accountIds: string[];

  @Field(() => [ID], { nullable: true, description: 'Contacts who attended.' })
  @ArrayMaxSize(50)
  @IdArg('a contact', { optional: true, each: true })
  contactIds?: string[];

  @Field(() => [ID], {
    nullable: true,
    description: 'Members who attended; the member logging it when omitted.',
  })
  @ArrayMaxSize(50)
  @IdArg('a member', { optional: true, each: true })
  memberIds?: string[];

  @Field(() => ID, {
    nullable: true,
    description: 'The campaign this interaction belongs to; its targets advance.',
  })
  @IdArg('a campaign', { optional: true })
  campaignId?: string;

  @Field(() => [FollowUpInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FollowUpInput)
  followUps?: FollowUpInput[];
}

@InputType()
export class InteractionFilter {
  @Field(() => [InteractionKind], { nullable: true })
  @IsOptional()
  @IsEnum(InteractionKind, { each: true, message: 'kinds must be interaction kinds' })
  kinds?: InteractionKind[];

  @Field(() => ID, { nullable: true })
  @IdArg('an account', { optional: true })
  accountId?: string;

  @Field(() => ID, { nullable: true })
  @IdArg('a contact', { optional: true })
  contactId?: string;

  @Field(() => ID, { nullable: true, description: 'Interactions this member attended or logged.' })
  @IdArg('a member', { optional: true })
  memberId?: string;

  @Field(() => ID, { nullable: true })
  @IdArg('a campaign', { optional: true })
  campaignId?: string;

  @Field(() => Date, { nullable: true })
  @Type(() => Date)
  @IsDateTime({ optional: true })
  occurredAfter?: Date;

  @Field(() => Date, { nullable: true })
  @Type(() => Date)
  @IsDateTime({ optional: true })
  occurredBefore?: Date;

  @Field({ nullable: true, description: 'Words in the summary or next steps.' })
  @Text({ max: 200, optional: true, blank: true })
  text?: string;
}

/** What interactions are ordered by: when they took place, or when they were logged. */
export enum InteractionSortField {
  OCCURRED_AT = 'occurredAt',
  CREATED_AT = 'createdAt',
}
registerEnumType(InteractionSortField, { name: 'InteractionSortField' });

@ArgsType()
export class InteractionsArgs extends ConnectionArgs {
  @Field(() => InteractionFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => InteractionFilter)
  filter?: InteractionFilter;

  @SortArg(InteractionSortField, InteractionSortField.OCCURRED_AT)
  sortBy?: InteractionSortField;

  @SortArg(SortDirection, SortDirection.DESC)
  sortDirection?: SortDirection;
}
