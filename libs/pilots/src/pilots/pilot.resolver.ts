import { Connection, dayOf, LoaderRegistry, Loaders } from '@greenlight/common';
import { Account, CrmLoaders } from '@greenlight/crm';
import { ApiKeys, IdentityLoaders, MemberNode, Membership, SignedIn } from '@greenlight/identity';
import { Args, Float, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { PilotCriterion } from '../criteria/pilot-criterion.entity';
import { PilotRiskReason, PilotStatus } from '../enums';
import { BudgetFigures } from '../evaluation/criterion-maths';
import { PilotBudget } from '../evaluation/evaluation.types';
import { CriterionWithPilot, PilotEvaluator } from '../evaluation/pilot-evaluator';
import { PilotsLoaders } from '../pilots.loaders';
import { pilotTime } from '../standing/pilot-standing';
import { allowedNextStatuses } from './pilot-status-machine';
import { PilotStatusChange } from './pilot-status-change.entity';
import { Pilot } from './pilot.entity';
import { ChangePilotStatusInput, CreatePilotInput, PilotIdArgs, PilotsArgs, UpdatePilotInput } from './pilot.inputs';
import { PilotConnection } from './pilot.types';
import { PilotsService } from './pilots.service';

@SignedIn()
@ApiKeys('read')
@Resolver(() => Pilot)
export class PilotResolver {
  constructor(
    private readonly service: PilotsService,
    private readonly loaders: PilotsLoaders,
    private readonly crm: CrmLoaders,
    private readonly identity: IdentityLoaders,
    private readonly evaluator: PilotEvaluator,
  ) {}

  @Query(() => Pilot, { description: 'One pilot of the workspace, archived ones included.' })
  pilot(@Args() { id }: PilotIdArgs): Promise<Pilot> {
    return this.service.get(id);
  }

  @Query(() => PilotConnection, { description: 'Pilots, filtered and sorted (soonest ending first by default).' })
  pilots(@Args() args: PilotsArgs): Promise<Connection<Pilot>> {
    return this.service.list(args);
  }

  @Mutation(() => Pilot, { description: 'Creates a PROPOSED pilot, with its success criteria.' })
  createPilot(@Args('input') input: CreatePilotInput): Promise<Pilot> {
    return this.service.create(input);
  }

  @Mutation(() => Pilot)
  updatePilot(@Args('input') input: UpdatePilotInput): Promise<Pilot> {
    return this.service.update(input);
  }

  @Mutation(() => Pilot, { description: 'Moves a pilot along its state machine; refused moves name input.status.' })
  changePilotStatus(@Args('input') input: ChangePilotStatusInput): Promise<Pilot> {
    return this.service.changeStatus(input);
  }

  @Mutation(() => Pilot)
  archivePilot(@Args() { id }: PilotIdArgs): Promise<Pilot> {
    return this.service.setArchived(id, true);
  }

  @Mutation(() => Pilot)
  restorePilot(@Args() { id }: PilotIdArgs): Promise<Pilot> {
    return this.service.setArchived(id, false);
  }

  @ResolveField(() => Account)
  async account(@Parent() pilot: Pilot, @Loaders() registry: LoaderRegistry): Promise<Account> {
    return (await this.crm.account(registry).load(pilot.accountId))!;
  }

  @ResolveField(() => MemberNode, { nullable: true })
  owner(@Parent() pilot: Pilot, @Loaders() registry: LoaderRegistry): Promise<Membership | null> | null {
    return pilot.ownerId ? this.identity.member(registry).load(pilot.ownerId) : null;
  }

  @ResolveField(() => [PilotStatusChange], { description: 'Every status change, newest first.' })
  statusHistory(@Parent() pilot: Pilot, @Loaders() registry: LoaderRegistry): Promise<PilotStatusChange[]> {
    return this.loaders.statusHistory(registry).load(pilot.id);
  }

  @ResolveField(() => [PilotStatus], { description: 'Statuses the pilot may move to next.' })
  allowedNextStatuses(@Parent() pilot: Pilot): readonly PilotStatus[] {
    return allowedNextStatuses(pilot.status);
  }

  @ResolveField(() => [PilotCriterion])
  criteria(@Parent() pilot: Pilot, @Loaders() registry: LoaderRegistry): Promise<CriterionWithPilot[]> {
    return this.criteriaOf(pilot, registry);
  }

  @ResolveField(() => PilotBudget, { description: "Spend reported over the pilot's dates so far." })
  budget(@Parent() pilot: Pilot, @Loaders() registry: LoaderRegistry): Promise<BudgetFigures> {
    return this.evaluator.budget(pilot, registry);
  }

  @ResolveField(() => Int, {
    description: 'Days from today (UTC) to endDate, both included: 1 on the last day, 0 once it has passed.',
  })
  daysLeft(@Parent() pilot: Pilot): number {
    return pilotTime(pilot, dayOf(new Date())).daysLeft;
  }

  @ResolveField(() => Float, {
    description: "Share of the pilot's days over before today (UTC): 0 on the first day, 1 after the last.",
  })
  elapsedShare(@Parent() pilot: Pilot): number {
    return pilotTime(pilot, dayOf(new Date())).elapsedShare;
  }

  @ResolveField(() => [PilotRiskReason], { description: 'Why the pilot is at risk now; empty unless it is ACTIVE.' })
  async riskReasons(@Parent() pilot: Pilot, @Loaders() registry: LoaderRegistry): Promise<PilotRiskReason[]> {
    return (await this.evaluator.standing(pilot, registry)).riskReasons;
  }

  @ResolveField(() => Boolean, { description: 'True when riskReasons is not empty.' })
  async atRisk(@Parent() pilot: Pilot, @Loaders() registry: LoaderRegistry): Promise<boolean> {
    return (await this.evaluator.standing(pilot, registry)).atRisk;
  }

  @ResolveField(() => Int)
  async criteriaMet(@Parent() pilot: Pilot, @Loaders() registry: LoaderRegistry): Promise<number> {
    const criteria = await this.criteriaOf(pilot, registry);
    const evaluations = await Promise.all(criteria.map((each) => this.evaluator.criterion(registry, each)));
    return evaluations.filter((evaluation) => evaluation.met).length;
  }

  @ResolveField(() => Int)
  async criteriaTotal(@Parent() pilot: Pilot, @Loaders() registry: LoaderRegistry): Promise<number> {
    return (await this.criteriaOf(pilot, registry)).length;
  }

  private async criteriaOf(pilot: Pilot, registry: LoaderRegistry): Promise<CriterionWithPilot[]> {
    const criteria = await this.loaders.criteria(registry).load(pilot.id);
    return criteria.map((criterion) => Object.assign(criterion, { pilot }));
  }
}

@Resolver(() => PilotStatusChange)
export class PilotStatusChangeResolver {
  constructor(
    private readonly loaders: PilotsLoaders,
    private readonly identity: IdentityLoaders,
  ) {}

  @ResolveField(() => Pilot)
  async pilot(@Parent() change: PilotStatusChange, @Loaders() registry: LoaderRegistry): Promise<Pilot> {
    return (await this.loaders.pilot(registry).load(change.pilotId))!;
  }

  @ResolveField(() => MemberNode, { nullable: true, description: 'Who changed it; null for imports and the system.' })
  by(@Parent() change: PilotStatusChange, @Loaders() registry: LoaderRegistry): Promise<Membership | null> | null {
    return change.byMemberId ? this.identity.member(registry).load(change.byMemberId) : null;
  }
}

@Resolver(() => Account)
export class AccountPilotsResolver {
  constructor(private readonly loaders: PilotsLoaders) {}

  @ResolveField(() => [Pilot], { description: 'Pilots with this account (not archived), latest ending first.' })
  pilots(@Parent() account: Account, @Loaders() registry: LoaderRegistry): Promise<Pilot[]> {
    return this.loaders.pilotsOfAccount(registry).load(account.id);
  }
}
