import { ConnectionArgs, ConnectionType } from '@greenlight/common';
import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { ApiKeyScope } from '../entities';
import { IsIdField, IsTextField } from '../graphql/validation';

@ObjectType('ApiKey', {
  description: 'A key for machines; the secret itself is never shown again after creation.',
})
export class ApiKeyNode {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'The visible part of the key: it starts with `glk_<prefix>_`.' })
  prefix: string;

  @Field(() => [ApiKeyScope])
  scopes: ApiKeyScope[];

  @Field(() => Date, { nullable: true, description: 'Last time the key was used (to the minute).' })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field()
  createdAt: Date;
}

export const ApiKeyConnection = ConnectionType(ApiKeyNode, 'ApiKey');

@ObjectType({ description: 'A new API key with its secret: shown once, store it now.' })
export class CreatedApiKey {
  @Field(() => ApiKeyNode)
  apiKey: unknown;

  @Field({ description: 'The whole key, `glk_<prefix>_<secret>`.' })
  key: string;
}

@ArgsType()
export class CreateApiKeyArgs {
  @Field({ description: 'What the key is for, e.g. "Generator production".' })
  @IsTextField('name', 100)
  name: string;

  @Field(() => [ApiKeyScope])
  @ArrayNotEmpty({ message: 'scopes must name at least one scope' })
  @ArrayMaxSize(10, { message: 'scopes must have at most 10 entries' })
  @IsEnum(ApiKeyScope, { each: true, message: 'scopes must contain only ApiKeyScope values' })
  scopes: ApiKeyScope[];
}

@ArgsType()
export class ApiKeysArgs extends ConnectionArgs {
  @Field({ nullable: true, description: 'Include revoked keys (default false).' })
  @IsOptional()
  @IsBoolean({ message: 'includeRevoked must be true or false' })
  includeRevoked?: boolean;
}

@ArgsType()
export class ApiKeyIdArgs {
  @Field(() => ID)
  @IsIdField('apiKeyId')
  apiKeyId: string;
}
