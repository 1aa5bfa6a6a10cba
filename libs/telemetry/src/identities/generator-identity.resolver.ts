import { Connection, ConnectionArgs, ConnectionType, LoaderRegistry, Loaders } from '@greenlight/common';
import { Account, CrmLoaders } from '@greenlight/crm';
import {
  Args,
  ArgsType,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { GeneratorIdentity } from './generator-identity.entity';
import { GeneratorIdentityService } from './generator-identity.service';

const GeneratorIdentityConnection = ConnectionType(GeneratorIdentity);

@ArgsType()
class LinkGeneratorIdentityArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'identityId must be a generator identity id' })
  identityId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'accountId must be an account id' })
  accountId: string;
}

@ObjectType()
class LinkGeneratorIdentityResult {
  @Field(() => GeneratorIdentity)
  identity: GeneratorIdentity;

  @Field(() => Int, { description: 'Past events of the identity attributed to the account by this link.' })
  attributedEvents: number;
}

@Resolver(() => GeneratorIdentity)
export class GeneratorIdentityResolver {
  constructor(
    private readonly service: GeneratorIdentityService,
    private readonly crm: CrmLoaders,
  ) {}

  @Query(() => GeneratorIdentityConnection, {
    description: 'Generator identifiers that match no account yet, most recently seen first.',
  })
  unmatchedIdentities(@Args() args: ConnectionArgs): Promise<Connection<GeneratorIdentity>> {
    return this.service.listUnmatched(args);
  }

  @Mutation(() => LinkGeneratorIdentityResult, {
    description:
      'Attributes a generator identity to an account: its past events now, its future events as they arrive.',
  })
  linkGeneratorIdentity(
    @Args() { identityId, accountId }: LinkGeneratorIdentityArgs,
  ): Promise<LinkGeneratorIdentityResult> {
    return this.service.link(identityId, accountId);
  }

  @ResolveField(() => Account, { nullable: true })
  account(
    @Parent() identity: GeneratorIdentity,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Account | null> | null {
    return identity.accountId ? this.crm.account(registry).load(identity.accountId) : null;
  }
}
