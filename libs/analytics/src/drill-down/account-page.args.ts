import { Text } from '@greenlight/common';
import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsOptional, Max, Min } from 'class-validator';

/** A page of the accounts behind a figure, by name. */
@ArgsType()
export class AccountPageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Page size (1 to 100).' })
  @IsOptional()
  @Min(1, { message: 'first must be at least 1' })
  @Max(100, { message: 'first must be at most 100' })
  first?: number;

  @Field({ nullable: true, description: 'Cursor to continue after.' })
  @Text({ max: 1000, optional: true, blank: true })
  after?: string;
}
