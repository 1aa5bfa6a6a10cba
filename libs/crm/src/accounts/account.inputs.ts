import { ConnectionArgs, HasAtMostDecimals, IdArg, SortArg, SortDirection, Text } from '@greenlight/common';
import { ArgsType, Field, Float, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AccountKind, CompetitorStatus } from '../enums';

/** A domain name such as studio.example (compared in lower case). */
export const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

@InputType()
export class CompetitorInput {
  @Field()
  @Text({ max: 100 })
  vendor: string;

  @Field(() => CompetitorStatus)
  @IsEnum(CompetitorStatus, { message: 'status must be one of: evaluating, piloting, adopted, rejected' })
  status: CompetitorStatus;

  @Field(() => String, { nullable: true })
  @Text({ max: 2000, optional: true, blank: true })
  notes?: string | null;
}

/** Fields shared by create and update. */
@InputType({ isAbstract: true })
abstract class AccountFields {
  @Field(() => ID, { nullable: true, description: 'The member who owns the relationship.' })
  @IdArg('a member', { optional: true })
  ownerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The group this account belongs to.' })
  @IdArg('an account', { optional: true })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 100, optional: true, blank: true })
  region?: string | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 50, optional: true, blank: true })
  tier?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl(
    { require_protocol: true, protocols: ['http', 'https'] },
    { message: 'website must be an http(s) URL' },
  )
  @MaxLength(500)
  website?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(DOMAIN, { each: true, message: 'domains must be domain names such as studio.example' })
  domains?: string[];

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @HasAtMostDecimals(2, { message: 'expectedAnnualValue must be a number with at most 2 decimals' })
  @Min(0, { message: 'expectedAnnualValue must not be negative' })
  @Max(1e12, { message: 'expectedAnnualValue must be at most 1000000000000' })
  expectedAnnualValue?: number | null;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code such as USD' })
  currency?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(50, { each: true, message: 'each tag must be at most 50 characters' })
  tags?: string[];
}

@InputType()
export class CreateAccountInput extends AccountFields {
  @Field()
  @Text({ max: 200 })
  name: string;

  @Field(() => AccountKind)
  @IsEnum(AccountKind, { message: `kind must be one of: ${Object.values(AccountKind).join(', ')}` })
  kind: AccountKind;

  @Field(() => ID, { nullable: true, description: 'Starting stage; the first open stage when omitted.' })
  @IdArg('a stage', { optional: true })
  stageId?: string;

  @Field(() => [CompetitorInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CompetitorInput)
  competitors?: CompetitorInput[];
}

@InputType()
export class UpdateAccountInput extends AccountFields {
  @Field(() => ID)
  @IdArg('an account')
  id: string;

  @Field({ nullable: true })
  @Text({ max: 200, optional: true })
  name?: string;

  @Field(() => AccountKind, { nullable: true })
  @IsOptional()
  @IsEnum(AccountKind, { message: `kind must be one of: ${Object.values(AccountKind).join(', ')}` })
  kind?: AccountKind;
}

@InputType()
export class MoveAccountStageInput {
  @Field(() => ID)
  @IdArg('an account')
  accountId: string;

  @Field(() => ID)
  @IdArg('a stage')
  stageId: string;

  @Field(() => String, { nullable: true, description: 'Why it moved, shown in the history.' })
  @Text({ max: 2000, optional: true, blank: true })
  reason?: string | null;
}

export enum AccountSortField {
  NAME = 'name',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  EXPECTED_ANNUAL_VALUE = 'expectedAnnualValue',
  STAGE_ENTERED_AT = 'stageEnteredAt',
}
registerEnumType(AccountSortField, { name: 'AccountSortField' });

@InputType()
export class AccountFilter {
  @Field(() => [AccountKind], { nullable: true })
  @IsOptional()
  @IsEnum(AccountKind, { each: true, message: 'kinds must be account kinds' })
  kinds?: AccountKind[];

  @Field(() => [ID], { nullable: true })
  @IdArg('a stage', { optional: true, each: true })
  stageIds?: string[];

  @Field(() => [ID], { nullable: true })
  @IdArg('a member', { optional: true, each: true })
  ownerIds?: string[];

  @Field(() => [String], { nullable: true, description: 'Accounts with any of these tags.' })
  @IsOptional()
  @IsString({ each: true })
  tags?: string[];

  @Field({ nullable: true })
  @Text({ max: 100, optional: true, blank: true })
  region?: string;

  @Field({ nullable: true, description: 'Accounts that also evaluate this vendor.' })
  @Text({ max: 100, optional: true, blank: true })
  competitor?: string;

  @Field({ nullable: true, description: 'Part of the name (typos tolerated) or a domain.' })
  @Text({ max: 200, optional: true, blank: true })
  text?: string;

  @Field(() => ID, { nullable: true })
  @IdArg('an account', { optional: true })
  parentId?: string;

  @Field({ nullable: true, description: 'true: only archived; false (default): only active.' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

@ArgsType()
export class AccountsArgs extends ConnectionArgs {
  @Field(() => AccountFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AccountFilter)
  filter?: AccountFilter;

  @SortArg(AccountSortField, AccountSortField.NAME)
  sortBy?: AccountSortField;

  @SortArg(SortDirection, SortDirection.ASC)
  sortDirection?: SortDirection;
}
