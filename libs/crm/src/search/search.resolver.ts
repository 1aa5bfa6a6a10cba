import { ApiKeys, SignedIn } from '@greenlight/identity';
import { fieldsAsked, holding, LoaderRegistry, Loaders } from '@greenlight/common';
import {
  Args,
  ArgsType,
  Field,
  Float,
  ID,
  Info,
  Int,
  ObjectType,
  Parent,
  Query,
  registerEnumType,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Account } from '../accounts/account.entity';
import { Contact } from '../contacts/contact.entity';
import { CrmLoaders } from '../crm.loaders';
import { Interaction } from '../interactions/interaction.entity';
import { SearchHit as Hit, SearchService } from './search.service';

export enum SearchKind {
  ACCOUNT = 'ACCOUNT',
  CONTACT = 'CONTACT',
  INTERACTION = 'INTERACTION',
}
registerEnumType(SearchKind, { name: 'SearchKind' });

@ObjectType({ description: 'One search result.' })
export class SearchHit {
  @Field(() => SearchKind)
  kind: SearchKind;

  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field({ description: 'HTML-escaped text with the matching words wrapped in <mark>.' })
  snippet: string;

  @Field(() => Float, { description: 'Relevance, higher first.' })
  score: number;
}

@ArgsType()
class SearchArgs {
  @Field()
  @IsString()
  @MinLength(1, { message: 'query must not be empty' })
  @MaxLength(200, { message: 'query must be at most 200 characters' })
  query: string;

  @Field(() => Int, { nullable: true, defaultValue: 20 })
  @IsOptional()
  @Min(1, { message: 'limit must be at least 1' })
  @Max(50, { message: 'limit must be at most 50' })
  limit?: number;
}

@SignedIn()
@ApiKeys('read')
@Resolver(() => SearchHit)
export class SearchResolver {
  constructor(
    private readonly searchService: SearchService,
    private readonly loaders: CrmLoaders,
  ) {}

  @Query(() => [SearchHit], {
    description:
      'Accounts, contacts and interactions matching the words, best first (typos tolerated in names).',
  })
  async search(
    @Args() { query, limit }: SearchArgs,
    @Loaders() registry: LoaderRegistry,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Hit[]> {
    const hits = await this.searchService.search(query, limit ?? 20);
    const asked = fieldsAsked(info);
    if (!asked.has('account') && !asked.has('contact') && !asked.has('interaction')) return hits;
    // each hit holds its account, contact or interaction (one statement per kind) and null for the
    // other two, so GraphQL completes those fields without their resolvers
    const loaded = await Promise.all(
      hits.map((hit) =>
        hit.kind === 'ACCOUNT'
          ? this.loaders.account(registry).load(hit.id)
          : hit.kind === 'CONTACT'
            ? this.loaders.contact(registry).load(hit.id)
            : this.loaders.interaction(registry).load(hit.id),
      ),
    );
    return hits.map((hit, index) =>
      holding(hit, {
        account: hit.kind === 'ACCOUNT' ? loaded[index] : null,
        contact: hit.kind === 'CONTACT' ? loaded[index] : null,
        interaction: hit.kind === 'INTERACTION' ? loaded[index] : null,
      }),
    );
  }

  @ResolveField(() => Account, { nullable: true })
  account(@Parent() hit: Hit, @Loaders() registry: LoaderRegistry): Promise<Account | null> | null {
    return hit.kind === 'ACCOUNT' ? this.loaders.account(registry).load(hit.id) : null;
  }

  @ResolveField(() => Contact, { nullable: true })
  contact(@Parent() hit: Hit, @Loaders() registry: LoaderRegistry): Promise<Contact | null> | null {
    return hit.kind === 'CONTACT' ? this.loaders.contact(registry).load(hit.id) : null;
  }

  @ResolveField(() => Interaction, { nullable: true })
  interaction(@Parent() hit: Hit, @Loaders() registry: LoaderRegistry): Promise<Interaction | null> | null {
    return hit.kind === 'INTERACTION' ? this.loaders.interaction(registry).load(hit.id) : null;
  }
}
