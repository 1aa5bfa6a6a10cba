import { IsNotBlank } from '@greenlight/common';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { StageCategory } from '../enums';

@InputType()
export class CreateStageInput {
  @Field()
  @IsString()
  @IsNotBlank()
  @MaxLength(60)
  name: string;

  @Field(() => StageCategory)
  @IsEnum(StageCategory, { message: 'category must be open, won, lost or paused' })
  category: StageCategory;

  @Field(() => Int, { nullable: true, description: 'Where in the pipeline (from 1); last when omitted.' })
  @IsOptional()
  @Min(1, { message: 'position must be at least 1' })
  @Max(100, { message: 'position must be at most 100' })
  position?: number;
}

@InputType()
export class UpdateStageInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a stage id' })
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(60)
  name?: string;

  @Field(() => StageCategory, { nullable: true })
  @IsOptional()
  @IsEnum(StageCategory, { message: 'category must be open, won, lost or paused' })
  category?: StageCategory;
}

@ArgsType()
export class ReorderStagesArgs {
  @Field(() => [ID], { description: 'Every stage, in the new order.' })
  @ArrayMinSize(1, { message: 'stageIds must not be empty' })
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'stageIds must be stage ids' })
  stageIds: string[];
}

@ArgsType()
export class DeleteStageArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a stage id' })
  id: string;

  @Field(() => ID, { nullable: true, description: 'Where the accounts in this stage go.' })
  @IsOptional()
  @IsUUID('all', { message: 'moveAccountsTo must be a stage id' })
  moveAccountsTo?: string;
}
