import { ConnectionArgs, IsNotBlank, IsDateInRange, SortDirection } from '@greenlight/common';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { InteractionKind, Sentiment } from '../enums';

@ValidatorConstraint({ name: 'timeZone' })
export class IsTimeZone implements ValidatorConstraintInterface {
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
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  title: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to the member logging the interaction.' })
  @IsOptional()
  @IsUUID('all', { message: 'assigneeId must be a member id' })
  assigneeId?: string;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate({ message: 'dueAt must be a date-time' })
  @IsDateInRange()
  dueAt?: Date;

  @Field(() => ID, { nullable: true, description: "Defaults to the interaction's first account." })
  @IsOptional()
  @IsUUID('all', { message: 'accountId must be an account id' })
  accountId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'contactId must be a contact id' })
  contactId?: string;
}

@InputType()
export class LogInteractionInput {
  @Field(() => InteractionKind)
  @IsEnum(InteractionKind, { message: `kind must be one of: ${Object.values(InteractionKind).join(', ')}` })
  kind: InteractionKind;

  @Field()
  @IsDate({ message: 'occurredAt must be a date-time' })
  @IsDateInRange()
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
  @IsOptional()
  @IsString()
  @MaxLength(300)
  location?: string;

  @Field()
  @IsString()
  @IsNotBlank()
  @MaxLength(50_000)
  summary: string;

  @Field(() => Sentiment, { nullable: true })
  @IsOptional()
  @IsEnum(Sentiment, { message: 'sentiment must be positive, neutral or negative' })
  sentiment?: Sentiment;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  nextSteps?: string;

  @Field(() => [ID])
  @ArrayMinSize(1, { message: 'accountIds must name at least one account' })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'accountIds must be account ids' })
  accountIds: string[];

  @Field(() => [ID], { nullable: true, description: 'Contacts who attended.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'contactIds must be contact ids' })
  contactIds?: string[];

  @Field(() => [ID], {
    nullable: true,
    description: 'Members who attended; the member logging it when omitted.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'memberIds must be member ids' })
  memberIds?: string[];

  @Field(() => ID, {
    nullable: true,
    description: 'The campaign this interaction belongs to; its targets advance.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'campaignId must be a campaign id' })
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
  @IsOptional()
  @IsUUID('all', { message: 'accountId must be an account id' })
  accountId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'contactId must be a contact id' })
  contactId?: string;

  @Field(() => ID, { nullable: true, description: 'Interactions this member attended or logged.' })
  @IsOptional()
  @IsUUID('all', { message: 'memberId must be a member id' })
  memberId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'campaignId must be a campaign id' })
  campaignId?: string;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'occurredAfter must be a date-time' })
  @IsDateInRange()
  occurredAfter?: Date;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'occurredBefore must be a date-time' })
  @IsDateInRange()
  occurredBefore?: Date;

  @Field({ nullable: true, description: 'Words in the summary or next steps.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
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

  @Field(() => InteractionSortField, { nullable: true, defaultValue: InteractionSortField.OCCURRED_AT })
  @IsOptional()
  @IsEnum(InteractionSortField, { message: 'sortBy must be OCCURRED_AT or CREATED_AT' })
  sortBy?: InteractionSortField;

  @Field(() => SortDirection, { nullable: true, defaultValue: SortDirection.DESC })
  @IsOptional()
  @IsEnum(SortDirection, { message: 'sortDirection must be ASC or DESC' })
  sortDirection?: SortDirection;
}
