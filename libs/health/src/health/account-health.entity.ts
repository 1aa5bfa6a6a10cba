import { Account } from '@greenlight/crm';
import { Workspace } from '@greenlight/identity';
import { Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { HealthReason } from '../score/health-score';

/** The last health score computed for an account by the evaluation, for cheap filtering and sorting. */
@Entity({ name: 'account_health' })
@Index('IDX_account_health_workspace_score', ['workspaceId', 'score', 'accountId'])
@ForeignKey(() => Account, ['workspaceId', 'accountId'], ['workspaceId', 'id'], {
  name: 'FK_account_health_account',
  onDelete: 'CASCADE',
})
export class AccountHealthRecord {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_account_health' })
  accountId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_account_health' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'FK_account_health_workspace' })
  workspace?: Workspace;

  @Column({ type: 'smallint' })
  score: number;

  @Column({ type: 'jsonb' })
  reasons: HealthReason[];

  @Column({ type: 'timestamptz', precision: 3 })
  computedAt: Date;
}
