import { IdArg } from '@greenlight/common';
import { AccountKind, AccountScope } from '@greenlight/crm';
import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';

/** Which accounts a figure counts; archived accounts are left out unless `includeArchived`. */
@InputType()
export class DashboardFilter {
  @Field(() => [ID], { nullable: true, description: 'Accounts owned by any of these members.' })
  @ArrayMaxSize(100)
  @IdArg('a member', { optional: true, each: true })
  ownerIds?: string[];

  @Field(() => [AccountKind], { nullable: true })
  @IsOptional()
  @IsEnum(AccountKind, { each: true, message: 'kinds must be account kinds' })
  kinds?: AccountKind[];

  @Field(() => [String], { nullable: true, description: 'Regions, compared without regard to case.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true, message: 'each region must be at most 100 characters' })
  regions?: string[];

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  includeArchived?: boolean;
}

export function scopeOf(filter: DashboardFilter | undefined): AccountScope {
  return {
    ownerIds: filter?.ownerIds,
    kinds: filter?.kinds,
    regions: filter?.regions,
    includeArchived: filter?.includeArchived ?? false,
  };
}
