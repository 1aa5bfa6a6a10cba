import { LoaderRegistry, Loaders } from '@greenlight/common';
import { ApiKeys, IdentityLoaders, MemberNode, Membership, SignedIn } from '@greenlight/identity';
import { Args, Float, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DayRange, Trend } from '../evaluation/criterion-maths';
import { CriterionTrend, DayWindow } from '../evaluation/evaluation.types';
import { CriterionWithPilot, PilotEvaluator } from '../evaluation/pilot-evaluator';
import { PilotsLoaders } from '../pilots.loaders';
import { Pilot } from '../pilots/pilot.entity';
import { PilotIdArgs } from '../pilots/pilot.inputs';
import { CriteriaService } from './criteria.service';
import { AddPilotCriterionInput, SetManualCriterionArgs, UpdatePilotCriterionInput } from './criterion.inputs';
import { PilotCriterion } from './pilot-criterion.entity';

@SignedIn()
@ApiKeys('read')
@Resolver(() => PilotCriterion)
export class PilotCriterionResolver {
  constructor(
    private readonly service: CriteriaService,
    private readonly evaluator: PilotEvaluator,
    private readonly loaders: PilotsLoaders,
    private readonly identity: IdentityLoaders,
  ) {}

  @Mutation(() => PilotCriterion)
  addPilotCriterion(@Args('input') input: AddPilotCriterionInput): Promise<PilotCriterion> {
    return this.service.add(input);
  }

  @Mutation(() => PilotCriterion)
  updatePilotCriterion(@Args('input') input: UpdatePilotCriterionInput): Promise<PilotCriterion> {
    return this.service.update(input);
  }

  @Mutation(() => Boolean)
  removePilotCriterion(@Args() { id }: PilotIdArgs): Promise<boolean> {
    return this.service.remove(id);
  }

  @Mutation(() => PilotCriterion, { description: 'Sets a MANUAL criterion met or not.' })
  setManualCriterion(@Args() { id, met }: SetManualCriterionArgs): Promise<PilotCriterion> {
    return this.service.setManual(id, met);
  }

  @ResolveField(() => Pilot)
  async pilot(@Parent() criterion: CriterionWithPilot, @Loaders() registry: LoaderRegistry): Promise<Pilot> {
    return criterion.pilot ?? (await this.loaders.pilot(registry).load(criterion.pilotId))!;
  }

  @ResolveField(() => MemberNode, { nullable: true, description: 'MANUAL only: who set it.' })
  manualSetBy(
    @Parent() criterion: PilotCriterion,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Membership | null> | null {
    return criterion.manualSetById ? this.identity.member(registry).load(criterion.manualSetById) : null;
  }

  @ResolveField(() => DayWindow, { description: "The days evaluated: the criterion's own window or the pilot's dates." })
  async evaluationWindow(
    @Parent() criterion: CriterionWithPilot,
    @Loaders() registry: LoaderRegistry,
  ): Promise<DayRange> {
    return this.evaluator.window(registry, criterion);
  }

  @ResolveField(() => Float, {
    nullable: true,
    description: 'The metric over the window so far; null for MANUAL, or a rate with no data yet.',
  })
  async currentValue(
    @Parent() criterion: CriterionWithPilot,
    @Loaders() registry: LoaderRegistry,
  ): Promise<number | null> {
    return (await this.evaluator.criterion(registry, criterion)).currentValue;
  }

  @ResolveField(() => Boolean)
  async met(@Parent() criterion: CriterionWithPilot, @Loaders() registry: LoaderRegistry): Promise<boolean> {
    return (await this.evaluator.criterion(registry, criterion)).met;
  }

  @ResolveField(() => Float, { description: 'How far toward the target, 0 to 1.' })
  async progress(@Parent() criterion: CriterionWithPilot, @Loaders() registry: LoaderRegistry): Promise<number> {
    return (await this.evaluator.criterion(registry, criterion)).progress;
  }

  @ResolveField(() => CriterionTrend, { nullable: true, description: 'Null for MANUAL criteria.' })
  async trend(
    @Parent() criterion: CriterionWithPilot,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Trend | null> {
    return (await this.evaluator.criterion(registry, criterion)).trend;
  }
}
