import { ApiKeys, SignedIn } from '@greenlight/identity';
import {
  Connection,
  ConnectionArgs,
  ConnectionType,
  IdArg,
  LoaderRegistry,
  Loaders,
} from '@greenlight/common';
import { Account, CrmLoaders } from '@greenlight/crm';
import {
  Args,
  ArgsType,
  Field,
  Float,
  GraphQLISODateTime,
  ID,
  Int,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { GeneratorIdentity } from './generator-identity.entity';
import { GeneratorIdentityService } from './generator-identity.service';

const GeneratorIdentityConnection = ConnectionType(GeneratorIdentity);

@ArgsType()
class LinkGeneratorIdentityArgs {
  @Field(() => ID)
  @IdArg('a generator identity')
  identityId: string;

  @Field(() => ID)
  @IdArg('an account')
  accountId: string;
}

@ObjectType()
class LinkGeneratorIdentityResult {
  @Field(() => GeneratorIdentity)
  identity: GeneratorIdentity;

  @Field(() => Int, { description: 'Past events of the identity attributed to the account by this link.' })
  attributedEvents: number;
}

@ObjectType({
  description: "Progress of attributing an identity's past events to the account it was linked to.",
})
class IdentityBackfill {
  @Field(() => Int, { description: 'Events of the identity when the link started.' })
  totalEvents: number;

  @Field(() => Int, { description: 'Events examined so far.' })
  scannedEvents: number;

  @Field(() => Int, { description: 'Events moved to the account so far (the others were there already).' })
  attributedEvents: number;

  @Field(() => Float, { description: 'Share of the events examined, 0 to 1 (1 once finished).' })
  progress: number;

  @Field(() => GraphQLISODateTime)
  startedAt: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Null while it runs (or if it was interrupted).',
  })
  finishedAt: Date | null;
}

@SignedIn()
@ApiKeys('read')
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

  @ResolveField(() => IdentityBackfill, {
    nullable: true,
    description: 'The re-attribution of past events started by the last link by hand; null if never linked.',
  })
  backfill(@Parent() identity: GeneratorIdentity): IdentityBackfill | null {
    if (!identity.backfillStartedAt) return null;
    const total = identity.backfillTotal ?? 0;
    const finished = identity.backfillFinishedAt !== null;
    return {
      totalEvents: total,
      scannedEvents: identity.backfillScanned,
      attributedEvents: identity.backfillMoved,
      progress: finished ? 1 : total > 0 ? Math.min(1, identity.backfillScanned / total) : 0,
      startedAt: identity.backfillStartedAt,
      finishedAt: identity.backfillFinishedAt,
    };
  }

  @ResolveField(() => Account, { nullable: true })
  account(
    @Parent() identity: GeneratorIdentity,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Account | null> | null {
    return identity.accountId ? this.crm.account(registry).load(identity.accountId) : null;
  }
}
