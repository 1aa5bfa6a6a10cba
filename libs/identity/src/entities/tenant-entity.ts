import { Field, ID, ObjectType } from '@nestjs/graphql';
import { JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Workspace } from './workspace.entity';

/**
 * The key columns of a row that belongs to a workspace: its id and its workspace, together the
 * primary key (`PK_<table>`), and the reference to the workspace (`FK_<table>_workspace`), whose
 * deletion takes the row with it. The constraint names come from the naming strategy.
 */
@ObjectType({ isAbstract: true })
export abstract class TenantEntity {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Workspace;
}
