import {
  ConnectionArgs,
  HasAtMostDecimals,
  IdArg,
  IsDay,
  IsNotBlank,
  SortArg,
  SortDirection,
  Text,
} from '@greenlight/common';
import { AccountKind } from '@greenlight/crm';
import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsPositive,
  IsString,
  Max,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CreditUnit, GrantStatus, GrantSubjectKind } from '../enums';

@InputType()
export class CreateGrantInput {
  @Field(() => ID, { nullable: true, description: 'The account given access; give this or contactId.' })
  @IdArg('an account', { optional: true })
  accountId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The person given access; give this or accountId.' })
  @IdArg('a contact', { optional: true })
  contactId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The pilot the grant is part of.' })
  @IdArg('a pilot', { optional: true })
  pilotId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Seats (account grants only).' })
  @IsOptional()
  @IsInt({ message: 'seats must be a whole number' })
  @IsPositive({ message: 'seats must be positive' })
  @Max(100000, { message: 'seats must be at most 100000' })
  seats?: number | null;

  @Field(() => CreditUnit, { nullable: true })
  @IsOptional()
  @IsEnum(CreditUnit, { message: `creditUnit must be one of: ${Object.keys(CreditUnit).join(', ')}` })
  creditUnit?: CreditUnit | null;

  @Field(() => Float, { nullable: true, description: 'Credits granted, in creditUnit (required with it).' })
  @IsOptional()
  @HasAtMostDecimals(2, { message: 'creditLimit must be a number with at most 2 decimals' })
  @IsPositive({ message: 'creditLimit must be positive' })
  @Max(1e11, { message: 'creditLimit must be at most 100000000000' })
  creditLimit?: number | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 100, optional: true })
  modelTier?: string | null;

  @Field(() => [String], { nullable: true, description: 'Named models; none: every model of the tier.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(200, { each: true })
  models?: string[];

  @Field({ description: 'First day of access, e.g. 2026-03-01.' })
  @IsDay()
  startsOn: string;

  @Field(() => String, { nullable: true, description: 'Last day of access; none: open-ended.' })
  @IsDay({ optional: true })
  expiresOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'The member who approved it (default: you).' })
  @IdArg('a member', { optional: true })
  approvedById?: string | null;

  @Field(() => GrantStatus, { nullable: true, description: 'OFFERED (default) or ACTIVE.' })
  @IsOptional()
  @IsEnum(GrantStatus, { message: `status must be one of: ${Object.keys(GrantStatus).join(', ')}` })
  status?: GrantStatus;

  @Field(() => String, { nullable: true })
  @Text({ max: 5000, optional: true, blank: true })
  notes?: string | null;
}

@InputType()
export class ExtendGrantInput {
  @Field(() => ID)
  @IdArg('a grant')
  id: string;

  @Field(() => String, { nullable: true, description: 'The new last day; null makes the grant open-ended.' })
  @IsDay({ optional: true })
  expiresOn?: string | null;

  @Field(() => Float, { nullable: true, description: 'The new credit limit, in the grant’s unit.' })
  @IsOptional()
  @HasAtMostDecimals(2, { message: 'creditLimit must be a number with at most 2 decimals' })
  @IsPositive({ message: 'creditLimit must be positive' })
  @Max(1e11, { message: 'creditLimit must be at most 100000000000' })
  creditLimit?: number;

  @Field({ description: 'Why, shown in the history.' })
  @Text({ max: 2000 })
  reason: string;
}

@InputType()
export class ChangeGrantStatusInput {
  @Field(() => ID)
  @IdArg('a grant')
  id: string;

  @Field(() => GrantStatus)
  @IsEnum(GrantStatus, { message: `status must be one of: ${Object.keys(GrantStatus).join(', ')}` })
  status: GrantStatus;

  @Field({ description: 'Why, shown in the history.' })
  @Text({ max: 2000 })
  reason: string;
}

@InputType()
export class GrantFilter {
  @Field(() => [GrantStatus], { nullable: true })
  @IsOptional()
  @IsEnum(GrantStatus, { each: true, message: 'statuses must be grant statuses' })
  statuses?: GrantStatus[];

  @Field(() => [GrantSubjectKind], { nullable: true })
  @IsOptional()
  @IsEnum(GrantSubjectKind, { each: true, message: 'subjectKinds must be ACCOUNT or CONTACT' })
  subjectKinds?: GrantSubjectKind[];

  @Field(() => [AccountKind], {
    nullable: true,
    description: "Kinds of the account given access (for a contact: of the contact's current companies).",
  })
  @IsOptional()
  @IsEnum(AccountKind, { each: true, message: 'accountKinds must be account kinds' })
  accountKinds?: AccountKind[];

  @Field(() => ID, { nullable: true, description: 'Grants approved by this member.' })
  @IdArg('a member', { optional: true })
  approvedById?: string;

  @Field(() => ID, { nullable: true, description: 'Grants whose account is owned by this member.' })
  @IdArg('a member', { optional: true })
  ownerId?: string;

  @Field(() => ID, { nullable: true })
  @IdArg('an account', { optional: true })
  accountId?: string;

  @Field(() => ID, { nullable: true })
  @IdArg('a contact', { optional: true })
  contactId?: string;

  @Field(() => ID, { nullable: true })
  @IdArg('a pilot', { optional: true })
  pilotId?: string;
}

/** What grants are ordered by; open-ended grants come after every dated one by expiry. */
export enum GrantSortField {
  CREATED_AT = 'createdAt',
  STARTS_ON = 'startsOn',
  EXPIRES_ON = 'expiresOn',
}
registerEnumType(GrantSortField, { name: 'GrantSortField' });

@ArgsType()
export class GrantsArgs extends ConnectionArgs {
  @Field(() => GrantFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => GrantFilter)
  filter?: GrantFilter;

  @SortArg(GrantSortField, GrantSortField.CREATED_AT)
  sortBy?: GrantSortField;

  @SortArg(SortDirection, SortDirection.DESC)
  sortDirection?: SortDirection;
}

@ArgsType()
export class GrantIdArgs {
  @Field(() => ID)
  @IdArg('a grant')
  id: string;
}
