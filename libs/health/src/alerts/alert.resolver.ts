import { Connection, LoaderRegistry, Loaders } from '@greenlight/common';
import { Account, CrmLoaders } from '@greenlight/crm';
import { ApiKeys, IdentityLoaders, MemberNode, Membership, SignedIn } from '@greenlight/identity';
import { AccessGrant, GrantsLoaders } from '@greenlight/grants';
import { Pilot, PilotsLoaders } from '@greenlight/pilots';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { HealthEvaluation } from '../evaluation/health-evaluation';
import { Alert } from './alert.entity';
import { AcknowledgeAlertArgs, AlertConnection, AlertEvaluation, AlertsArgs } from './alert.types';
import { AlertsService } from './alerts.service';

@SignedIn()
@ApiKeys('read')
@Resolver(() => Alert)
export class AlertResolver {
  constructor(
    private readonly service: AlertsService,
    private readonly evaluation: HealthEvaluation,
    private readonly crm: CrmLoaders,
    private readonly pilots: PilotsLoaders,
    private readonly grants: GrantsLoaders,
    private readonly identity: IdentityLoaders,
  ) {}

  @Query(() => AlertConnection, { description: 'Alerts of the workspace, newest raised first.' })
  alerts(@Args() args: AlertsArgs): Promise<Connection<Alert>> {
    return this.service.list(args);
  }

  @Mutation(() => Alert, { description: 'Marks an open alert as seen to; it is not raised again until its condition clears.' })
  acknowledgeAlert(@Args() args: AcknowledgeAlertArgs): Promise<Alert> {
    return this.service.acknowledge(args);
  }

  @Mutation(() => AlertEvaluation, {
    description: 'Evaluates the alert rules and health scores of the workspace now (they also run every few minutes).',
  })
  evaluateAlerts(): Promise<AlertEvaluation> {
    return this.evaluation.evaluateOnDemand();
  }

  @ResolveField(() => Account)
  async account(@Parent() alert: Alert, @Loaders() registry: LoaderRegistry): Promise<Account> {
    return (await this.crm.account(registry).load(alert.accountId))!;
  }

  @ResolveField(() => Pilot, { nullable: true })
  pilot(@Parent() alert: Alert, @Loaders() registry: LoaderRegistry): Promise<Pilot | null> | null {
    return alert.pilotId ? this.pilots.pilot(registry).load(alert.pilotId) : null;
  }

  @ResolveField(() => AccessGrant, { nullable: true, description: 'The access grant a grant alert is about.' })
  grant(@Parent() alert: Alert, @Loaders() registry: LoaderRegistry): Promise<AccessGrant | null> | null {
    return alert.grantId ? this.grants.grant(registry).load(alert.grantId) : null;
  }

  @ResolveField(() => MemberNode, { nullable: true })
  acknowledgedBy(@Parent() alert: Alert, @Loaders() registry: LoaderRegistry): Promise<Membership | null> | null {
    return alert.acknowledgedById ? this.identity.member(registry).load(alert.acknowledgedById) : null;
  }
}
