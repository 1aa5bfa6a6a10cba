import { ConnectionArgs, IsNotBlank, IsDateInRange } from '@greenlight/common';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CampaignTargetStatus } from '../enums';

@InputType({ isAbstract: true })
abstract class CampaignFields {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a member id' })
  ownerId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'startsOn must be a date such as 2026-03-01' })
  @IsDateInRange()
  startsOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'endsOn must be a date such as 2026-03-01' })
  @IsDateInRange()
  endsOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  goal?: string | null;
}

@InputType()
export class CreateCampaignInput extends CampaignFields {
  @Field()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'accountIds must be account ids' })
  accountIds?: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'contactIds must be contact ids' })
  contactIds?: string[];
}

@InputType()
export class UpdateCampaignInput extends CampaignFields {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a campaign id' })
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name?: string;
}

@InputType()
export class CampaignTargetsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'campaignId must be a campaign id' })
  campaignId: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'accountIds must be account ids' })
  accountIds?: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'contactIds must be contact ids' })
  contactIds?: string[];
}

@InputType()
export class SetCampaignTargetStatusInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'targetId must be a campaign target id' })
  targetId: string;

  @Field(() => CampaignTargetStatus)
  @IsEnum(CampaignTargetStatus, { message: 'status must be a campaign target status' })
  status: CampaignTargetStatus;
}

@InputType()
export class CampaignFilter {
  @Field({ nullable: true, description: 'Campaigns running on this date (ISO).' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'activeOn must be a date such as 2026-03-01' })
  @IsDateInRange()
  activeOn?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a member id' })
  ownerId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

@ArgsType()
export class CampaignsArgs extends ConnectionArgs {
  @Field(() => CampaignFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignFilter)
  filter?: CampaignFilter;
}
