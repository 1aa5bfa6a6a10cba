import { ConnectionArgs, IdArg, IsDay, Text } from '@greenlight/common';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { CampaignTargetStatus } from '../enums';

@InputType({ isAbstract: true })
abstract class CampaignFields {
  @Field(() => ID, { nullable: true })
  @IdArg('a member', { optional: true })
  ownerId?: string | null;

  @Field(() => String, { nullable: true })
  @IsDay({ optional: true })
  startsOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsDay({ optional: true })
  endsOn?: string | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 2000, optional: true, blank: true })
  goal?: string | null;
}

@InputType()
export class CreateCampaignInput extends CampaignFields {
  @Field()
  @Text({ max: 200 })
  name: string;

  @Field(() => [ID], { nullable: true })
  @ArrayMaxSize(500)
  @IdArg('an account', { optional: true, each: true })
  accountIds?: string[];

  @Field(() => [ID], { nullable: true })
  @ArrayMaxSize(1000)
  @IdArg('a contact', { optional: true, each: true })
  contactIds?: string[];
}

@InputType()
export class UpdateCampaignInput extends CampaignFields {
  @Field(() => ID)
  @IdArg('a campaign')
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @Text({ max: 200 })
  name?: string;
}

@InputType()
export class CampaignTargetsInput {
  @Field(() => ID)
  @IdArg('a campaign')
  campaignId: string;

  @Field(() => [ID], { nullable: true })
  @ArrayMaxSize(500)
  @IdArg('an account', { optional: true, each: true })
  accountIds?: string[];

  @Field(() => [ID], { nullable: true })
  @ArrayMaxSize(1000)
  @IdArg('a contact', { optional: true, each: true })
  contactIds?: string[];
}

@InputType()
export class SetCampaignTargetStatusInput {
  @Field(() => ID)
  @IdArg('a campaign target')
  targetId: string;

  @Field(() => CampaignTargetStatus)
  @IsEnum(CampaignTargetStatus, { message: 'status must be a campaign target status' })
  status: CampaignTargetStatus;
}

@InputType()
class CampaignFilter {
  @Field({ nullable: true, description: 'Campaigns running on this date (ISO).' })
  @IsDay({ optional: true })
  activeOn?: string;

  @Field(() => ID, { nullable: true })
  @IdArg('a member', { optional: true })
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
