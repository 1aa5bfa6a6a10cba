import { TenantContext } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { accountCondition, AccountScope } from './account-scope';
import { SqlParams } from './sql-params';

/** The accounts a dashboard filter keeps, for figures other contexts compute over their own tables. */
@Injectable()
export class AccountIdStatistics {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
  ) {}

  /** Ids of the current workspace's accounts in `scope`, in id order. */
  async accountIds(scope: AccountScope): Promise<string[]> {
    const params = new SqlParams();
    const workspace = params.add(this.context.currentWorkspaceId());
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT a.id FROM account a WHERE a.workspace_id = ${workspace} AND ${accountCondition('a', scope, params)} ORDER BY a.id`,
      params.values,
    );
    return rows.map((row) => row.id);
  }
}
