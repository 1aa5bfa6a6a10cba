import { CreatedAt, UpdatedAt } from '@greenlight/db';
import { TenantEntity } from '@greenlight/identity';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { StageCategory } from '../enums';

/** A step of the workspace's adoption pipeline. Accounts and transitions point at it by id, so renaming keeps history. */
@ObjectType()
@Entity({ name: 'stage' })
@Index('UQ_stage_workspace_key', ['workspaceId', 'key'], { unique: true })
export class Stage extends TenantEntity {
  @Field({ description: 'Stable identifier such as `pilot`, kept when the stage is renamed.' })
  @Column({ type: 'text' })
  key: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => Int, { description: 'Order in the pipeline, from 1.' })
  @Column({ type: 'int' })
  position: number;

  @Field(() => StageCategory)
  @Column({ type: 'enum', enum: StageCategory, enumName: 'stage_category' })
  category: StageCategory;

  @Field(() => Date, {
    nullable: true,
    description: 'Set when a stage with history is deleted: hidden, history kept.',
  })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  archivedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
