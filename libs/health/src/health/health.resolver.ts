import { ApiKeys, SignedIn } from '@greenlight/identity';
import { Connection, LoaderRegistry, Loaders } from '@greenlight/common';
import { Account, CrmLoaders } from '@greenlight/crm';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { HealthService } from './health.service';
import { AccountAtRisk, AccountAtRiskConnection, AccountHealth, AccountsAtRiskArgs } from './health.types';

@Resolver(() => Account)
export class AccountHealthResolver {
  constructor(private readonly service: HealthService) {}

  @ResolveField(() => AccountHealth, {
    description: 'Health computed now from usage, interactions, pilots and stage (batched across a page).',
  })
  health(@Parent() account: Account, @Loaders() registry: LoaderRegistry): Promise<AccountHealth> {
    return this.service.live(registry).load(account);
  }
}

@SignedIn()
@ApiKeys('read')
@Resolver(() => AccountAtRisk)
export class AccountAtRiskResolver {
  constructor(
    private readonly service: HealthService,
    private readonly crm: CrmLoaders,
  ) {}

  @Query(() => AccountAtRiskConnection, {
    description: 'Accounts whose health, as of the last evaluation, is under the threshold; lowest first.',
  })
  accountsAtRisk(@Args() args: AccountsAtRiskArgs): Promise<Connection<AccountAtRisk>> {
    return this.service.atRisk(args);
  }

  @ResolveField(() => Account)
  async account(@Parent() row: AccountAtRisk, @Loaders() registry: LoaderRegistry): Promise<Account> {
    return (await this.crm.account(registry).load(row.accountId))!;
  }
}
