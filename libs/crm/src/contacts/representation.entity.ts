import { Workspace } from '@greenlight/identity';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Contact } from './contact.entity';

/** An agent contact represents a talent contact, through an agency account. */
@ObjectType()
@Entity({ name: 'representation' })
@Index('IDX_representation_talent', ['talentId'])
@Index('IDX_representation_agent', ['agentId'])
@Index('UQ_representation_current', ['agentId', 'talentId'], { unique: true, where: '"ended_on" IS NULL' })
export class Representation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_representation' })
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'FK_representation_workspace' })
  workspace?: Workspace;

  @Column({ type: 'uuid' })
  agentId: string;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agent_id', foreignKeyConstraintName: 'FK_representation_agent' })
  agent?: Contact;

  @Column({ type: 'uuid' })
  talentId: string;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'talent_id', foreignKeyConstraintName: 'FK_representation_talent' })
  talent?: Contact;

  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_representation_agency' })
  agency?: Account;

  @Field(() => String, { nullable: true })
  @Column({ type: 'date', nullable: true })
  startedOn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'date', nullable: true })
  endedOn: string | null;
}
