import { Account } from '@greenlight/crm';
import { CreatedAt, UpdatedAt } from '@greenlight/db';
import { Membership, TenantEntity } from '@greenlight/identity';
import { Field, Float, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { PilotIntegrationKind, PilotStatus } from '../enums';
import { numeric } from '../numeric';

/** A time-boxed integration with an account, judged by its success criteria. */
@ObjectType()
@Entity({ name: 'pilot' })
@Index('IDX_pilot_workspace_status', ['workspaceId', 'status'])
@Index('IDX_pilot_workspace_account', ['workspaceId', 'accountId'])
@Index('IDX_pilot_workspace_owner', ['workspaceId', 'ownerId'])
@Index('IDX_pilot_workspace_end_date', ['workspaceId', 'endDate'])
@ForeignKey(() => Account, ['workspaceId', 'accountId'], ['workspaceId', 'id'], {
  name: 'FK_pilot_account',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Membership, ['workspaceId', 'ownerId'], ['workspaceId', 'id'], {
  name: 'FK_pilot_owner',
  onDelete: 'SET NULL',
})
export class Pilot extends TenantEntity {
  @Column({ type: 'uuid' })
  accountId: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => PilotIntegrationKind)
  @Column({ type: 'enum', enum: PilotIntegrationKind, enumName: 'pilot_integration_kind' })
  integrationKind: PilotIntegrationKind;

  @Field(() => PilotStatus)
  @Column({ type: 'enum', enum: PilotStatus, enumName: 'pilot_status', default: PilotStatus.PROPOSED })
  status: PilotStatus;

  @Field({ description: 'When the pilot entered its current status.' })
  @Column({ type: 'timestamptz', precision: 3 })
  statusChangedAt: Date;

  @Field({ description: 'First day (YYYY-MM-DD, UTC).' })
  @Column({ type: 'date' })
  startDate: string;

  @Field({ description: 'Last day (YYYY-MM-DD, UTC), after startDate.' })
  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Field(() => Float, { description: 'Generation credit granted for the pilot, in USD.' })
  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: numeric })
  creditBudgetUsd: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  archivedAt: Date | null;

  @Field()
  @CreatedAt()
  createdAt: Date;

  @Field()
  @UpdatedAt()
  updatedAt: Date;
}
