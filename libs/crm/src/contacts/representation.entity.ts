import { TenantEntity } from '@greenlight/identity';
import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Contact } from './contact.entity';

/** An agent contact represents a talent contact, through an agency account. */
@ObjectType()
@Entity({ name: 'representation' })
@Index('IDX_representation_talent', ['talentId'])
@Index('IDX_representation_agent', ['agentId'])
@Index('UQ_representation_current', ['workspaceId', 'agentId', 'talentId'], {
  unique: true,
  where: '"ended_on" IS NULL',
})
@ForeignKey(() => Contact, ['workspaceId', 'agentId'], ['workspaceId', 'id'], {
  name: 'FK_representation_agent',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Contact, ['workspaceId', 'talentId'], ['workspaceId', 'id'], {
  name: 'FK_representation_talent',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Account, ['workspaceId', 'agencyId'], ['workspaceId', 'id'], {
  name: 'FK_representation_agency',
  onDelete: 'SET NULL',
})
export class Representation extends TenantEntity {
  @Column({ type: 'uuid' })
  agentId: string;

  @Column({ type: 'uuid' })
  talentId: string;

  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'date', nullable: true })
  startedOn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'date', nullable: true })
  endedOn: string | null;
}
