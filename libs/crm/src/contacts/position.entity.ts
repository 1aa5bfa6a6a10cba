import { TenantEntity } from '@greenlight/identity';
import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Contact } from './contact.entity';

/** A contact's job at an account; `endedOn` is null while it is current. */
@ObjectType()
@Entity({ name: 'position' })
@Index('IDX_position_contact', ['contactId', 'startedOn'])
@Index('IDX_position_account', ['accountId', 'endedOn'])
@Index('UQ_position_current', ['workspaceId', 'contactId', 'accountId'], {
  unique: true,
  where: '"ended_on" IS NULL',
})
@ForeignKey(() => Contact, ['workspaceId', 'contactId'], ['workspaceId', 'id'], {
  name: 'FK_position_contact',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Account, ['workspaceId', 'accountId'], ['workspaceId', 'id'], {
  name: 'FK_position_account',
  onDelete: 'CASCADE',
})
export class Position extends TenantEntity {
  @Column({ type: 'uuid' })
  contactId: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date (YYYY-MM-DD).' })
  @Column({ type: 'date', nullable: true })
  startedOn: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date; null while current.' })
  @Column({ type: 'date', nullable: true })
  endedOn: string | null;

  @Field({ description: 'True while the contact still holds this position.' })
  get current(): boolean {
    return this.endedOn === null;
  }
}
