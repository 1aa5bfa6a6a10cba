import { CreatedAt, UpdatedAt } from '@greenlight/db';
import { Membership, TenantEntity } from '@greenlight/identity';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { ContactKind } from '../enums';

/** A person: an executive, agent, talent, producer… */
@ObjectType()
@Entity({ name: 'contact' })
@Index('IDX_contact_workspace_name', ['workspaceId', 'name'])
@Index('IDX_contact_workspace_owner', ['workspaceId', 'ownerId'])
@Index('IDX_contact_active', ['workspaceId'], { where: '"archived_at" IS NULL' })
@Index('IDX_contact_emails', { synchronize: false })
@Index('IDX_contact_name_trgm', { synchronize: false })
@Index('IDX_contact_name_knn', { synchronize: false })
@Index('IDX_contact_sort_name', { synchronize: false })
@ForeignKey(() => Membership, ['workspaceId', 'ownerId'], ['workspaceId', 'id'], {
  name: 'FK_contact_owner',
  onDelete: 'SET NULL',
})
export class Contact extends TenantEntity {
  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Current title (the open position keeps its own).' })
  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Field(() => ContactKind)
  @Column({ type: 'enum', enum: ContactKind, enumName: 'contact_kind' })
  kind: ContactKind;

  @Field(() => [String], { description: 'Lower-case addresses; the first is the primary one.' })
  @Column({ type: 'text', array: true, default: '{}' })
  emails: string[];

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: '{}' })
  phones: string[];

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Field(() => Int, { nullable: true, description: 'How warm the relationship is, 1 (cold) to 5 (close).' })
  @Column({ type: 'smallint', nullable: true })
  relationshipStrength: number | null;

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
