import { Connection, LoaderRegistry, Loaders } from '@greenlight/common';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/decorators';
import { ApiKey, Membership, Role } from '../entities';
import { IdentityLoaders } from '../loaders/identity.loaders';
import { MemberNode } from '../members/member.types';
import { ApiKeyService } from './api-key.service';
import {
  ApiKeyConnection,
  ApiKeyIdArgs,
  ApiKeyNode,
  ApiKeysArgs,
  CreateApiKeyArgs,
  CreatedApiKey,
} from './api-key.types';

@Resolver(() => ApiKeyNode)
export class ApiKeyResolver {
  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly loaders: IdentityLoaders,
  ) {}

  @Roles(Role.ADMIN)
  @Mutation(() => CreatedApiKey, { description: 'Creates an API key; the key is in this answer only.' })
  createApiKey(@Args() { name, scopes }: CreateApiKeyArgs): Promise<CreatedApiKey> {
    return this.apiKeys.create(name, scopes);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => ApiKeyNode, { description: 'Revokes an API key: it stops working at once.' })
  revokeApiKey(@Args() { apiKeyId }: ApiKeyIdArgs): Promise<ApiKey> {
    return this.apiKeys.revoke(apiKeyId);
  }

  @Roles(Role.ADMIN)
  @Query(() => ApiKeyConnection, {
    name: 'apiKeys',
    description: 'API keys of the current workspace, newest first.',
  })
  listApiKeys(@Args() { includeRevoked, ...page }: ApiKeysArgs): Promise<Connection<ApiKey>> {
    return this.apiKeys.list(page, includeRevoked);
  }

  @ResolveField(() => MemberNode, { nullable: true })
  createdBy(
    @Parent() apiKey: ApiKey,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Membership | null> | null {
    return apiKey.createdById ? this.loaders.member(registry).load(apiKey.createdById) : null;
  }
}
