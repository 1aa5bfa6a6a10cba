import {
  Connection,
  ConnectionType,
  decodeCursor,
  encodeCursor,
  LoaderRegistry,
} from '@greenlight/common';
import { Account, AccountPage, AccountPageRequest, CrmLoaders } from '@greenlight/crm';
import { AccountPageArgs } from './account-page.args';

/** The accounts behind a dashboard figure, a page at a time. */
export const DashboardAccountConnection = ConnectionType(Account, 'DashboardAccount');

export function pageRequest(args: AccountPageArgs): AccountPageRequest {
  if (!args.after) return { first: args.first ?? 20 };
  const [name, id] = decodeCursor(args.after, 'after', ['text', 'uuid']) as [string, string];
  return { first: args.first ?? 20, after: [name, id] };
}

/** Builds the connection from a page of ids, loading the accounts through the request's loader. */
export async function accountConnection(
  page: AccountPage,
  total: number,
  afterGiven: boolean,
  loaders: CrmLoaders,
  registry: LoaderRegistry,
): Promise<Connection<Account>> {
  const accounts = await loaders.account(registry).loadMany(page.accounts.map((account) => account.id));
  const edges = page.accounts.flatMap((row, i) => {
    const node = accounts[i];
    return node instanceof Account ? [{ cursor: encodeCursor([row.sortName, row.id]), node }] : [];
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: afterGiven,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: async () => total,
  };
}

/**
 * The request's loader of account pages for one kind of figure: every figure of the answer asking
 * for the same page (same `first`, `after`) is served by one statement.
 */
export function pageLoader(
  registry: LoaderRegistry,
  name: string,
  request: AccountPageRequest,
  load: (keys: readonly string[], request: AccountPageRequest) => Promise<Map<string, AccountPage>>,
) {
  return registry.get<string, AccountPage>(`analytics.${name}:${JSON.stringify(request)}`, async (keys) => {
    const pages = await load(keys, request);
    return keys.map((key) => pages.get(key) ?? { accounts: [], hasNextPage: false });
  });
}
