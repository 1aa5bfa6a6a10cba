import { AccountIdStatistics, AccountScope } from '@greenlight/crm';

/** The ids of a filter's accounts, read from the CRM once per answer however many fields need them. */
export function scopedAccounts(statistics: AccountIdStatistics, scope: AccountScope): () => Promise<string[]> {
  let ids: Promise<string[]> | undefined;
  return () => (ids ??= statistics.accountIds(scope));
}
