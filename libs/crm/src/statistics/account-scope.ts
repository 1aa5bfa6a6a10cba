import { sql, SqlFragment } from '@greenlight/identity';
import { AccountKind } from '../enums';

/** Which accounts a dashboard figure counts. Archived accounts are left out unless asked for. */
export interface AccountScope {
  ownerIds?: string[];
  kinds?: AccountKind[];
  /** Compared without regard to case. */
  regions?: string[];
  includeArchived?: boolean;
  /** Leaves out accounts in a lost stage (lost, churned): closed, no longer at risk of anything. */
  excludeLost?: boolean;
}

/** True when the scope names owners, kinds or regions (not just the archived switch). */
export function narrowsAccounts(scope: AccountScope): boolean {
  return Boolean(scope.ownerIds?.length || scope.kinds?.length || scope.regions?.length);
}

/** The SQL condition on the account row `alias` that keeps the accounts of `scope`. */
export function accountCondition(alias: 'a' | 'la', scope: AccountScope): SqlFragment {
  const a = sql.identifier(alias, ['a', 'la']);
  const regions = scope.regions?.map((region) => region.trim().toLowerCase());
  return sql.and([
    !scope.includeArchived && sql`${a}.archived_at IS NULL`,
    scope.ownerIds?.length && sql`${a}.owner_id = ANY(${scope.ownerIds}::uuid[])`,
    scope.kinds?.length && sql`${a}.kind = ANY(${scope.kinds}::account_kind[])`,
    regions?.length && sql`lower(${a}.region) = ANY(${regions}::text[])`,
    scope.excludeLost &&
      sql`NOT EXISTS (SELECT 1 FROM stage s WHERE s.workspace_id = ${sql.workspace} AND s.id = ${a}.stage_id AND s.category = 'lost')`,
  ]);
}

/** The condition on the account row `a` that keeps the accounts of `scope`, for other contexts' statements. */
export function accountScopeSql(scope: AccountScope): SqlFragment {
  return accountCondition('a', scope);
}
