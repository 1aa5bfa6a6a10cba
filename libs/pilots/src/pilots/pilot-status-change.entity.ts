import { Account } from '@greenlight/crm';
import { Membership, TenantEntity } from '@greenlight/identity';
import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { PilotStatus } from '../enums';
import { Pilot } from './pilot.entity';

/** One change of a pilot's status; the first (from null) is its creation. */
@ObjectType()
@Entity({ name: 'pilot_status_change' })
@Index('IDX_pilot_status_change_pilot_at', ['pilotId', 'at'])
@Index('IDX_pilot_status_change_account_at', ['workspaceId', 'accountId', 'at'])
@ForeignKey(() => Pilot, ['workspaceId', 'pilotId'], ['workspaceId', 'id'], {
  name: 'FK_pilot_status_change_pilot',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Account, ['workspaceId', 'accountId'], ['workspaceId', 'id'], {
  name: 'FK_pilot_status_change_account',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Membership, ['workspaceId', 'byMemberId'], ['workspaceId', 'id'], {
  name: 'FK_pilot_status_change_by_member',
  onDelete: 'SET NULL',
})
export class PilotStatusChange extends TenantEntity {
  @Column({ type: 'uuid' })
  pilotId: string;

  /** The pilot's account, copied so an account's timeline reads one index. */
  @Column({ type: 'uuid' })
  accountId: string;

  @Field(() => PilotStatus, { nullable: true, description: 'Null when the pilot was created.' })
  @Column({ type: 'enum', enum: PilotStatus, enumName: 'pilot_status', nullable: true })
  fromStatus: PilotStatus | null;

  @Field(() => PilotStatus)
  @Column({ type: 'enum', enum: PilotStatus, enumName: 'pilot_status' })
  toStatus: PilotStatus;

  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  byMemberId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
