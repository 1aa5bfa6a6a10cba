import { IsNotBlank } from '@greenlight/common';
import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsString, Matches, MaxLength } from 'class-validator';
import { ListKind } from './saved-view.entity';

const LISTS = Object.keys(ListKind).join(', ');

@ArgsType()
export class SavedViewsArgs {
  @Field(() => ListKind)
  @IsEnum(ListKind, { message: `list must be one of: ${LISTS}` })
  list: ListKind;
}

@InputType()
export class SaveViewInput {
  @Field(() => ListKind)
  @IsEnum(ListKind, { message: `list must be one of: ${LISTS}` })
  list: ListKind;

  @Field({ description: 'Saving under a name the member already used for this list replaces that view.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(80)
  name: string;

  @Field({ description: 'The list address query, without the leading `?`.' })
  @IsString()
  @MaxLength(2000)
  @Matches(/^[^?#\s]*$/, { message: 'query must be an address query without ?, # or spaces' })
  query: string;
}
