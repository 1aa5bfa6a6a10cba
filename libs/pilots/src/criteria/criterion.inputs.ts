import { IsNotBlank, IsDateInRange } from '@greenlight/common';
import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import {
  IsBoolean,
  IsDateString,
  IsEnum,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Max,
  MaxLength,
} from 'class-validator';
import { PilotComparator, PilotMetric } from '../enums';

/** What `pilot_criterion.target` (numeric(18,4)) holds, rounded down to a readable bound. */
const MAX_TARGET = 1e12;

const METRICS = Object.keys(PilotMetric).join(', ');

/** A criterion as given when creating a pilot or adding one. */
@InputType()
export class CriterionInput {
  @Field(() => PilotMetric)
  @IsEnum(PilotMetric, { message: `metric must be one of: ${METRICS}` })
  metric: PilotMetric;

  @Field(() => PilotComparator, { nullable: true, description: 'Required for every metric but MANUAL.' })
  @IsOptional()
  @IsEnum(PilotComparator, { message: 'comparator must be AT_LEAST or AT_MOST' })
  comparator?: PilotComparator | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Positive; SUCCESS_RATE in (0, 1]; none for MANUAL.',
  })
  @IsOptional()
  @IsPositive({ message: 'target must be a positive number' })
  @Max(MAX_TARGET, { message: `target must be at most ${MAX_TARGET}` })
  target?: number | null;

  @Field(() => String, { nullable: true, description: 'What is judged; required for MANUAL.' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  label?: string | null;

  @Field(() => String, { nullable: true, description: "First day evaluated; the pilot's startDate when omitted." })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'windowStart must be a date such as 2026-03-01' })
  @IsDateInRange()
  windowStart?: string | null;

  @Field(() => String, { nullable: true, description: "Last day evaluated; the pilot's endDate when omitted." })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'windowEnd must be a date such as 2026-03-31' })
  @IsDateInRange()
  windowEnd?: string | null;
}

@InputType()
export class AddPilotCriterionInput extends CriterionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'pilotId must be a pilot id' })
  pilotId: string;
}

@InputType()
export class UpdatePilotCriterionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a criterion id' })
  id: string;

  @Field(() => PilotMetric, { nullable: true })
  @IsOptional()
  @IsEnum(PilotMetric, { message: `metric must be one of: ${METRICS}` })
  metric?: PilotMetric;

  @Field(() => PilotComparator, { nullable: true })
  @IsOptional()
  @IsEnum(PilotComparator, { message: 'comparator must be AT_LEAST or AT_MOST' })
  comparator?: PilotComparator | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsPositive({ message: 'target must be a positive number' })
  @Max(MAX_TARGET, { message: `target must be at most ${MAX_TARGET}` })
  target?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  label?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'windowStart must be a date such as 2026-03-01' })
  @IsDateInRange()
  windowStart?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'windowEnd must be a date such as 2026-03-31' })
  @IsDateInRange()
  windowEnd?: string | null;
}

@ArgsType()
export class SetManualCriterionArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a criterion id' })
  id: string;

  @Field(() => Boolean, { description: 'Whether the criterion is met.' })
  @IsBoolean({ message: 'met must be true or false' })
  met: boolean;
}
