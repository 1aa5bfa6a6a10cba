import { ApiKeys, SignedIn } from '@greenlight/identity';
import { IdArg, InvalidInputException, LoaderRegistry, Loaders } from '@greenlight/common';
import { Account, AccountsService, Contact, CrmLoaders } from '@greenlight/crm';
import { Role, Roles, TenantSql } from '@greenlight/identity';
import {
  Args,
  ArgsType,
  Field,
  Float,
  GraphQLISODateTime,
  ID,
  Int,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { IsOptional, IsString, Max, Min } from 'class-validator';
import { usageUsersSql } from '../sql/usage-users.sql';
import { QuarantinedRollupDelta, UsageRollupReader, UsageTotals, windowLength } from './usage-rollup.reader';

/** The longest window `usageSummary` answers for. */
const MAX_SUMMARY_DAYS = 1096;

@ArgsType()
class UsageSummaryArgs {
  @Field({ description: 'First day, `YYYY-MM-DD` (UTC).' })
  @IsString()
  from: string;

  @Field({ description: 'Last day, included, `YYYY-MM-DD` (UTC).' })
  @IsString()
  to: string;

  @Field(() => ID, { nullable: true, description: "An account's usage; the whole workspace's without one." })
  @IdArg('an account', { optional: true })
  accountId?: string | null;
}

@ObjectType({ description: 'Usage figures over a window, read from the rollups.' })
class UsageFigures implements UsageTotals {
  @Field(() => Int, { description: 'All events, whatever their kind.' })
  events: number;

  @Field(() => Int, { description: 'Completed generations (`generation.completed`).' })
  generations: number;

  @Field(() => Int, { description: 'Failed generations (`generation.failed`).' })
  failures: number;

  @Field(() => Float)
  videoSeconds: number;

  @Field(() => Float)
  gpuSeconds: number;

  @Field(() => Float)
  costUsd: number;

  @Field(() => Int, { description: 'Distinct generator users (by user email) over the whole window.' })
  activeUsers: number;

  @Field(() => Float, {
    nullable: true,
    description: 'generations / (generations + failures); null with neither.',
  })
  successRate: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median render time (properties.renderSeconds) estimated from the rollup histogram.',
  })
  medianRenderSeconds: number | null;
}

@ObjectType({ description: 'Usage figures of one UTC day.' })
class UsageDayFigures extends UsageFigures {
  @Field({ description: '`YYYY-MM-DD` (UTC).' })
  day: string;
}

@ObjectType({ description: 'Usage figures of one model.' })
class UsageModelFigures extends UsageFigures {
  @Field(() => String, { nullable: true, description: 'The model the events named; null for none.' })
  model: string | null;
}

@ObjectType({ description: 'Usage of one generator user (by user email).' })
class UsageUserFigures {
  @Field()
  userEmail: string;

  @Field(() => Int, { description: 'All events of this user, whatever their kind.' })
  events: number;

  @Field(() => Float, {
    description:
      "Estimated spend: each day and model's spend shared among its events (the user rollups count events only).",
  })
  costUsd: number;

  @Field(() => [String], { description: 'The models the user named, by name.' })
  models: string[];

  contactId: string | null;
}

@ArgsType()
class ByUserArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'At most this many users (1 to 100).' })
  @IsOptional()
  @Min(1, { message: 'first must be at least 1' })
  @Max(100, { message: 'first must be at most 100' })
  first?: number;
}

@ObjectType({ description: 'How far the usage rollups lag behind acknowledged events.' })
class RollupFreshness {
  @Field(() => Int, {
    description: 'Rollup deltas of this workspace not yet applied (counted up to 100,000).',
  })
  pendingDeltas: number;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the oldest of them was written.' })
  oldestPendingAt: Date | null;

  @Field(() => Float, {
    description: 'Seconds since then: at most this much usage is missing from the figures.',
  })
  lagSeconds: number;

  @Field(() => Int, {
    description:
      'Rollup deltas of this workspace set aside because they could not be applied (see `usageRollupQuarantine`): missing from the figures until `usage:rebuild-rollups` runs.',
  })
  quarantinedDeltas: number;
}

@ObjectType({ description: 'A usage rollup delta that could not be applied, set aside with its error.' })
class QuarantinedRollupDeltaNode implements QuarantinedRollupDelta {
  @Field(() => ID)
  id: string;

  @Field({ description: '`YYYY-MM-DD` (UTC): the day of the events it holds.' })
  day: string;

  @Field(() => ID, { nullable: true })
  accountId: string | null;

  @Field(() => String, { nullable: true })
  model: string | null;

  @Field(() => Float, { description: 'Events it holds (negative for a re-attribution taking them away).' })
  events: number;

  @Field(() => Float)
  costUsd: number;

  @Field({ description: 'The rollup tables it failed on and the database error.' })
  error: string;

  @Field(() => GraphQLISODateTime)
  quarantinedAt: Date;
}

@ObjectType({ description: "An account's or the workspace's usage over a window of days." })
class UsageSummary {
  @Field()
  from: string;

  @Field()
  to: string;

  @Field(() => ID, { nullable: true })
  accountId: string | null;
}

@SignedIn()
@ApiKeys('read')
@Resolver(() => UsageSummary)
export class UsageSummaryResolver {
  constructor(
    private readonly reader: UsageRollupReader,
    private readonly accounts: AccountsService,
    private readonly crm: CrmLoaders,
    private readonly db: TenantSql,
  ) {}

  @Query(() => UsageSummary, {
    description:
      'Usage (events, generations, video and GPU seconds, spend, active users, success rate, render time) of an account, or of the whole workspace, from the rollups.',
  })
  async usageSummary(@Args() { from, to, accountId }: UsageSummaryArgs): Promise<UsageSummary> {
    if (windowLength(from, to) > MAX_SUMMARY_DAYS)
      throw InvalidInputException.field('to', `a usage summary covers at most ${MAX_SUMMARY_DAYS} days`);
    if (accountId) await this.accounts.get(accountId);
    return { from, to, accountId: accountId ?? null };
  }

  @Roles(Role.ADMIN)
  @Query(() => [QuarantinedRollupDeltaNode], {
    description:
      'Usage rollup deltas of this workspace that could not be applied, most recent first (at most 100). `usage:rebuild-rollups` recomputes or retries them.',
  })
  usageRollupQuarantine(): Promise<QuarantinedRollupDelta[]> {
    return this.reader.quarantine();
  }

  @ResolveField(() => Account, { nullable: true })
  account(
    @Parent() summary: UsageSummary,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Account | null> | null {
    return summary.accountId ? this.crm.account(registry).load(summary.accountId) : null;
  }

  @ResolveField(() => UsageFigures)
  async totals(@Parent() { from, to, accountId }: UsageSummary): Promise<UsageTotals> {
    if (!accountId) return this.reader.totalsForWorkspace(from, to);
    return (await this.reader.totalsForAccounts([accountId], from, to)).get(accountId) as UsageTotals;
  }

  @ResolveField(() => [UsageDayFigures], { description: 'One entry per day of the window, zeros included.' })
  daily(@Parent() { from, to, accountId }: UsageSummary): Promise<UsageDayFigures[]> {
    return accountId
      ? this.reader.dailyForAccount(accountId, from, to)
      : this.reader.dailyForWorkspace(from, to);
  }

  @ResolveField(() => [UsageModelFigures], {
    description: 'One entry per model used in the window, most events first.',
  })
  byModel(@Parent() { from, to, accountId }: UsageSummary): Promise<UsageModelFigures[]> {
    return this.reader.byModel(accountId, from, to);
  }

  @ResolveField(() => [UsageUserFigures], {
    description: 'The generator users (by user email) with the most events in the window, most first.',
  })
  byUser(@Parent() { from, to, accountId }: UsageSummary, @Args() { first }: ByUserArgs): Promise<UsageUserFigures[]> {
    return this.db.query<UsageUserFigures>(usageUsersSql.byUser(accountId, from, to, first ?? 20));
  }

  @ResolveField(() => RollupFreshness, { description: 'How current the rollups are for this workspace.' })
  freshness(): Promise<RollupFreshness> {
    return this.reader.freshness();
  }
}

/** The contact who goes by a generator user's address, if any. */
@Resolver(() => UsageUserFigures)
export class UsageUserResolver {
  constructor(private readonly crm: CrmLoaders) {}

  @ResolveField(() => Contact, { nullable: true, description: 'A contact with this e-mail address, if any.' })
  contact(@Parent() user: UsageUserFigures, @Loaders() registry: LoaderRegistry): Promise<Contact | null> | null {
    return user.contactId ? this.crm.contact(registry).load(user.contactId) : null;
  }
}
