import { CreatedAt, UpdatedAt } from '@greenlight/db';
import { Membership, TenantEntity } from '@greenlight/identity';
import { Stage } from '../stages/stage.entity';
import { Field, Float, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { AccountKind } from '../enums';

const numeric = {
  to: (value?: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** An organisation being courted: a studio, streamer, agency… */
@ObjectType()
@Entity({ name: 'account' })
@Index('IDX_account_workspace_name', ['workspaceId', 'name'])
@Index('IDX_account_workspace_stage', ['workspaceId', 'stageId'])
@Index('IDX_account_workspace_owner', ['workspaceId', 'ownerId'])
@Index('IDX_account_parent', ['parentId'])
@Index('IDX_account_active', ['workspaceId'], { where: '"archived_at" IS NULL' })
@Index('IDX_account_domains', { synchronize: false })
@Index('IDX_account_tags', { synchronize: false })
@Index('IDX_account_name_trgm', { synchronize: false })
@Index('IDX_account_name_knn', { synchronize: false })
@Index('IDX_account_sort_name', { synchronize: false })
@ForeignKey(() => Membership, ['workspaceId', 'ownerId'], ['workspaceId', 'id'], {
  name: 'FK_account_owner',
  onDelete: 'SET NULL',
})
@ForeignKey(() => Account, ['workspaceId', 'parentId'], ['workspaceId', 'id'], {
  name: 'FK_account_parent',
  onDelete: 'SET NULL',
})
@ForeignKey(() => Stage, ['workspaceId', 'stageId'], ['workspaceId', 'id'], {
  name: 'FK_account_stage',
  onDelete: 'RESTRICT',
})
export class Account extends TenantEntity {
  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => AccountKind)
  @Column({ type: 'enum', enum: AccountKind, enumName: 'account_kind' })
  kind: AccountKind;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  tier: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Field(() => [String], { description: 'Web and e-mail domains the account uses, lower case.' })
  @Column({ type: 'text', array: true, default: '{}' })
  domains: string[];

  @Field(() => Float, { nullable: true })
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true, transformer: numeric })
  expectedAnnualValue: number | null;

  @Field({ description: 'ISO 4217 code of expectedAnnualValue.' })
  @Column({ type: 'char', length: 3, default: 'USD' })
  currency: string;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: '{}' })
  tags: string[];

  @Column({ type: 'uuid' })
  stageId: string;

  @Field({ description: 'When the account entered its current stage.' })
  @Column({ type: 'timestamptz', precision: 3 })
  stageEnteredAt: Date;

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
