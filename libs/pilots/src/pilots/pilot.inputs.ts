import { ConnectionArgs, HasAtMostDecimals, IdArg, IsDay, SortArg, SortDirection, Text } from '@greenlight/common';
import { ArgsType, Field, Float, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsPositive,
  IsUUID,
  Max,
  ValidateNested,
} from 'class-validator';
import { CriterionInput } from '../criteria/criterion.inputs';
import { PilotIntegrationKind, PilotStatus } from '../enums';

const KINDS = Object.keys(PilotIntegrationKind).join(', ');

@InputType({ isAbstract: true })
abstract class PilotFields {
  @Field(() => ID, { nullable: true, description: 'The member running the pilot.' })
  @IdArg('a member', { optional: true })
  ownerId?: string | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 5000, optional: true, blank: true })
  notes?: string | null;
}

@InputType()
export class CreatePilotInput extends PilotFields {
  @Field(() => ID)
  @IdArg('an account')
  accountId: string;

  @Field()
  @Text({ max: 200 })
  name: string;

  @Field(() => PilotIntegrationKind)
  @IsEnum(PilotIntegrationKind, { message: `integrationKind must be one of: ${KINDS}` })
  integrationKind: PilotIntegrationKind;

  @Field({ description: 'First day, e.g. 2026-03-01.' })
  @IsDay()
  startDate: string;

  @Field({ description: 'Last day, after startDate.' })
  @IsDay()
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
  @IdArg('a pilot')
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @Text({ max: 200 })
  name?: string;

  @Field(() => PilotIntegrationKind, { nullable: true })
  @IsOptional()
  @IsEnum(PilotIntegrationKind, { message: `integrationKind must be one of: ${KINDS}` })
  integrationKind?: PilotIntegrationKind;

  @Field({ nullable: true })
  @IsDay({ optional: true })
  startDate?: string;

  @Field({ nullable: true })
  @IsDay({ optional: true })
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
  @IdArg('a pilot')
  id: string;

  @Field(() => PilotStatus)
  @IsEnum(PilotStatus, { message: `status must be one of: ${Object.keys(PilotStatus).join(', ')}` })
  status: PilotStatus;

  @Field(() => String, { nullable: true, description: 'Why, shown in the status history.' })
  @Text({ max: 2000, optional: true, blank: true })
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
  @IdArg('an account', { optional: true })
  accountId?: string;

  @Field(() => ID, { nullable: true })
  @IdArg('a member', { optional: true })
  ownerId?: string;

  @Field({ nullable: true, description: 'Pilots whose endDate is on or before this day.' })
  @IsDay({ optional: true })
  endingBefore?: string;

  @Field({ nullable: true, description: 'Pilots whose endDate is on or after this day.' })
  @IsDay({ optional: true })
  endingAfter?: string;

  @Field({ nullable: true, description: 'Part of the name.' })
  @Text({ max: 200, optional: true, blank: true })
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

  @SortArg(PilotSortField, PilotSortField.END_DATE)
  sortBy?: PilotSortField;

  @SortArg(SortDirection, SortDirection.ASC)
  sortDirection?: SortDirection;
}

@ArgsType()
export class PilotIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id' })
  id: string;
}
