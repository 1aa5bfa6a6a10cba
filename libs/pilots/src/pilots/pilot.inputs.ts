import { ConnectionArgs, SortDirection, IsNotBlank, IsDateInRange, HasAtMostDecimals } from '@greenlight/common';
import { ArgsType, Field, Float, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CriterionInput } from '../criteria/criterion.inputs';
import { PilotIntegrationKind, PilotStatus } from '../enums';

const KINDS = Object.keys(PilotIntegrationKind).join(', ');

@InputType({ isAbstract: true })
abstract class PilotFields {
  @Field(() => ID, { nullable: true, description: 'The member running the pilot.' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a member id' })
  ownerId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
}

@InputType()
export class CreatePilotInput extends PilotFields {
  @Field(() => ID)
  @IsUUID('all', { message: 'accountId must be an account id' })
  accountId: string;

  @Field()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name: string;

  @Field(() => PilotIntegrationKind)
  @IsEnum(PilotIntegrationKind, { message: `integrationKind must be one of: ${KINDS}` })
  integrationKind: PilotIntegrationKind;

  @Field({ description: 'First day, e.g. 2026-03-01.' })
  @IsDateString({ strict: true }, { message: 'startDate must be a date such as 2026-03-01' })
  @IsDateInRange()
  startDate: string;

  @Field({ description: 'Last day, after startDate.' })
  @IsDateString({ strict: true }, { message: 'endDate must be a date such as 2026-03-31' })
  @IsDateInRange()
  endDate: string;

  @Field(() => Float, { description: 'Generation credit granted, in USD.' })
  @HasAtMostDecimals(2, { message: 'creditBudgetUsd must be a number with at most 2 decimals' })
  @IsPositive({ message: 'creditBudgetUsd must be positive' })
  @Max(1e11, { message: 'creditBudgetUsd must be at most 100000000000' })
  creditBudgetUsd: number;

  @Field(() => [CriterionInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CriterionInput)
  criteria?: CriterionInput[];
}

@InputType()
export class UpdatePilotInput extends PilotFields {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a pilot id' })
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name?: string;

  @Field(() => PilotIntegrationKind, { nullable: true })
  @IsOptional()
  @IsEnum(PilotIntegrationKind, { message: `integrationKind must be one of: ${KINDS}` })
  integrationKind?: PilotIntegrationKind;

  @Field({ nullable: true })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'startDate must be a date such as 2026-03-01' })
  @IsDateInRange()
  startDate?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'endDate must be a date such as 2026-03-31' })
  @IsDateInRange()
  endDate?: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @HasAtMostDecimals(2, { message: 'creditBudgetUsd must be a number with at most 2 decimals' })
  @IsPositive({ message: 'creditBudgetUsd must be positive' })
  @Max(1e11, { message: 'creditBudgetUsd must be at most 100000000000' })
  creditBudgetUsd?: number;
}

@InputType()
export class ChangePilotStatusInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a pilot id' })
  id: string;

  @Field(() => PilotStatus)
  @IsEnum(PilotStatus, { message: `status must be one of: ${Object.keys(PilotStatus).join(', ')}` })
  status: PilotStatus;

  @Field(() => String, { nullable: true, description: 'Why, shown in the status history.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}

export enum PilotSortField {
  END_DATE = 'endDate',
  START_DATE = 'startDate',
  NAME = 'name',
  CREATED_AT = 'createdAt',
  STATUS_CHANGED_AT = 'statusChangedAt',
  CREDIT_BUDGET = 'creditBudgetUsd',
}
registerEnumType(PilotSortField, { name: 'PilotSortField' });

@InputType()
export class PilotFilter {
  @Field(() => [PilotStatus], { nullable: true })
  @IsOptional()
  @IsEnum(PilotStatus, { each: true, message: 'statuses must be pilot statuses' })
  statuses?: PilotStatus[];

  @Field(() => [PilotIntegrationKind], { nullable: true })
  @IsOptional()
  @IsEnum(PilotIntegrationKind, { each: true, message: 'integrationKinds must be integration kinds' })
  integrationKinds?: PilotIntegrationKind[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'accountId must be an account id' })
  accountId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a member id' })
  ownerId?: string;

  @Field({ nullable: true, description: 'Pilots whose endDate is on or before this day.' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'endingBefore must be a date such as 2026-03-31' })
  @IsDateInRange()
  endingBefore?: string;

  @Field({ nullable: true, description: 'Pilots whose endDate is on or after this day.' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'endingAfter must be a date such as 2026-03-01' })
  @IsDateInRange()
  endingAfter?: string;

  @Field({ nullable: true, description: 'Part of the name.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;

  @Field({ nullable: true, description: 'true: only archived; false (default): only active.' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

@ArgsType()
export class PilotsArgs extends ConnectionArgs {
  @Field(() => PilotFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PilotFilter)
  filter?: PilotFilter;

  @Field(() => PilotSortField, { nullable: true, defaultValue: PilotSortField.END_DATE })
  @IsOptional()
  @IsEnum(PilotSortField)
  sortBy?: PilotSortField;

  @Field(() => SortDirection, { nullable: true, defaultValue: SortDirection.ASC })
  @IsOptional()
  @IsEnum(SortDirection, { message: 'sortDirection must be ASC or DESC' })
  sortDirection?: SortDirection;
}

@ArgsType()
export class PilotIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id' })
  id: string;
}
