import { CreatedAt, UpdatedAt } from '@greenlight/db';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One vendor's tenant. */
@Entity({ name: 'workspace' })
export class Workspace {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_workspace' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Index('UQ_workspace_slug', { unique: true })
  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'jsonb', default: {} })
  settings: Record<string, unknown>;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
