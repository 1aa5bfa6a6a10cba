import { CreatedAt } from '@greenlight/db';
import { Membership, TenantEntity } from '@greenlight/identity';
import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';

/** The list views of the web app a member can save views of. */
export enum ListKind {
  ACCOUNTS = 'accounts',
  CONTACTS = 'contacts',
  INTERACTIONS = 'interactions',
  TASKS = 'tasks',
  AUDIT = 'audit',
  GRANTS = 'grants',
}
registerEnumType(ListKind, { name: 'ListKind' });

/** A member's named list view: its filters, order and columns as the list's address query. */
@ObjectType()
@Entity({ name: 'saved_view' })
@Index('UQ_saved_view_member_list_name', ['workspaceId', 'memberId', 'list', 'name'], { unique: true })
@ForeignKey(() => Membership, ['workspaceId', 'memberId'], ['workspaceId', 'id'], {
  name: 'FK_saved_view_member',
  onDelete: 'CASCADE',
})
export class SavedView extends TenantEntity {
  @Column({ type: 'uuid' })
  memberId: string;

  @Field(() => ListKind)
  @Column({ type: 'enum', enum: ListKind, enumName: 'list_kind' })
  list: ListKind;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'The list address query, such as `kind=STUDIO&sort=NAME&dir=DESC&cols=name,stage`.' })
  @Column({ type: 'text' })
  query: string;

  @Field()
  @CreatedAt()
  createdAt: Date;
}
