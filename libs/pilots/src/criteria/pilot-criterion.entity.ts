import { CreatedAt } from '@greenlight/db';
import { Membership, TenantEntity } from '@greenlight/identity';
import { Field, Float, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { PilotComparator, PilotMetric } from '../enums';
import { numeric } from '../numeric';
import { Pilot } from '../pilots/pilot.entity';

/** A success criterion of a pilot: a metric, a comparator and a target (or a member's yes/no). */
@ObjectType()
@Entity({ name: 'pilot_criterion' })
@Index('IDX_pilot_criterion_pilot', ['pilotId', 'position'])
@ForeignKey(() => Pilot, ['workspaceId', 'pilotId'], ['workspaceId', 'id'], {
  name: 'FK_pilot_criterion_pilot',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Membership, ['workspaceId', 'manualSetById'], ['workspaceId', 'id'], {
  name: 'FK_pilot_criterion_manual_set_by',
  onDelete: 'SET NULL',
})
export class PilotCriterion extends TenantEntity {
  @Column({ type: 'uuid' })
  pilotId: string;

  /** Order within the pilot: criteria are listed as they were added. */
  @Column({ type: 'integer' })
  position: number;

  @Field(() => PilotMetric)
  @Column({ type: 'enum', enum: PilotMetric, enumName: 'pilot_metric' })
  metric: PilotMetric;

  @Field(() => PilotComparator, { nullable: true, description: 'Null for MANUAL criteria.' })
  @Column({ type: 'enum', enum: PilotComparator, enumName: 'pilot_comparator', nullable: true })
  comparator: PilotComparator | null;

  @Field(() => Float, { nullable: true, description: 'Null for MANUAL criteria.' })
  @Column({ type: 'numeric', precision: 18, scale: 4, nullable: true, transformer: numeric })
  target: number | null;

  @Field(() => String, { nullable: true, description: 'What is judged; required for MANUAL criteria.' })
  @Column({ type: 'text', nullable: true })
  label: string | null;

  @Field(() => String, {
    nullable: true,
    description: "First day evaluated; the pilot's startDate when null.",
  })
  @Column({ type: 'date', nullable: true })
  windowStart: string | null;

  @Field(() => String, { nullable: true, description: "Last day evaluated; the pilot's endDate when null." })
  @Column({ type: 'date', nullable: true })
  windowEnd: string | null;

  @Field(() => Boolean, { nullable: true, description: 'MANUAL only: set by a member; null until decided.' })
  @Column({ type: 'boolean', nullable: true })
  manualMet: boolean | null;

  @Column({ type: 'uuid', nullable: true })
  manualSetById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  manualSetAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Usage criteria: when the scheduled evaluation found it met (null while not met).',
  })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  metAt: Date | null;

  @Field()
  @CreatedAt()
  createdAt: Date;
}
