import { ConnectionArgs, IdArg, IsDay, SortArg, SortDirection, Text } from '@greenlight/common';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ContactKind } from '../enums';

const PHONE = /^\+?[0-9 ().-]{5,30}$/;

@InputType({ isAbstract: true })
abstract class ContactFields {
  @Field(() => String, { nullable: true })
  @Text({ max: 200, optional: true, blank: true })
  title?: string | null;

  @Field(() => [String], { nullable: true, description: 'The first is the primary address.' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsEmail({}, { each: true, message: 'emails must be e-mail addresses' })
  @MaxLength(254, { each: true })
  emails?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @Matches(PHONE, { each: true, message: 'phones must be phone numbers such as +1 310 555 0100' })
  phones?: string[];

  @Field(() => ID, { nullable: true })
  @IdArg('a member', { optional: true })
  ownerId?: string | null;

  @Field(() => Int, { nullable: true, description: '1 (cold) to 5 (close).' })
  @IsOptional()
  @IsInt({ message: 'relationshipStrength must be a whole number from 1 to 5' })
  @Min(1, { message: 'relationshipStrength must be a whole number from 1 to 5' })
  @Max(5, { message: 'relationshipStrength must be a whole number from 1 to 5' })
  relationshipStrength?: number | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 20_000, optional: true, blank: true })
  notes?: string | null;
}

@InputType()
export class CreateContactInput extends ContactFields {
  @Field()
  @Text({ max: 200 })
  name: string;

  @Field(() => ContactKind)
  @IsEnum(ContactKind, { message: `kind must be one of: ${Object.values(ContactKind).join(', ')}` })
  kind: ContactKind;

  @Field(() => ID, { nullable: true, description: 'Opens a current position at this account.' })
  @IdArg('an account', { optional: true })
  accountId?: string;
}

@InputType()
export class UpdateContactInput extends ContactFields {
  @Field(() => ID)
  @IdArg('a contact')
  id: string;

  @Field({ nullable: true })
  @Text({ max: 200, optional: true })
  name?: string;

  @Field(() => ContactKind, { nullable: true })
  @IsOptional()
  @IsEnum(ContactKind, { message: `kind must be one of: ${Object.values(ContactKind).join(', ')}` })
  kind?: ContactKind;
}

@InputType({
  description: 'A contact takes a job at another account: open positions close, a new one opens.',
})
export class MoveContactInput {
  @Field(() => ID)
  @IdArg('a contact')
  contactId: string;

  @Field(() => ID)
  @IdArg('an account')
  accountId: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 200, optional: true, blank: true })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date of the move; today when omitted.' })
  @IsDay({ optional: true })
  startedOn?: string;
}

@InputType({ description: "A past or present position, for building up someone's history." })
export class AddPositionInput {
  @Field(() => ID)
  @IdArg('a contact')
  contactId: string;

  @Field(() => ID)
  @IdArg('an account')
  accountId: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 200, optional: true, blank: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsDay({ optional: true })
  startedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Omit for a current position.' })
  @IsDay({ optional: true })
  endedOn?: string | null;
}

@InputType()
export class RepresentationInput {
  @Field(() => ID, { description: 'The agent (a contact of kind agent).' })
  @IdArg('a contact')
  agentId: string;

  @Field(() => ID, { description: 'The talent represented (a contact of kind talent).' })
  @IdArg('a contact')
  talentId: string;

  @Field(() => ID, { nullable: true, description: 'The agency the agent represents them through.' })
  @IdArg('an account', { optional: true })
  agencyId?: string | null;

  @Field(() => String, { nullable: true })
  @IsDay({ optional: true })
  startedOn?: string | null;
}

export enum ContactSortField {
  NAME = 'name',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}
registerEnumType(ContactSortField, { name: 'ContactSortField' });

@InputType()
export class ContactFilter {
  @Field(() => [ContactKind], { nullable: true })
  @IsOptional()
  @IsEnum(ContactKind, { each: true, message: 'kinds must be contact kinds' })
  kinds?: ContactKind[];

  @Field(() => [ID], { nullable: true })
  @IdArg('a member', { optional: true, each: true })
  ownerIds?: string[];

  @Field(() => ID, { nullable: true, description: 'People who currently work at this account.' })
  @IdArg('an account', { optional: true })
  accountId?: string;

  @Field({ nullable: true, description: 'Part of the name (typos tolerated) or an e-mail address.' })
  @Text({ max: 200, optional: true, blank: true })
  text?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

@ArgsType()
export class ContactsArgs extends ConnectionArgs {
  @Field(() => ContactFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactFilter)
  filter?: ContactFilter;

  @SortArg(ContactSortField, ContactSortField.NAME)
  sortBy?: ContactSortField;

  @SortArg(SortDirection, SortDirection.ASC)
  sortDirection?: SortDirection;
}
