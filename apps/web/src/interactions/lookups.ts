import { useCallback } from 'react';
import { useClient } from 'urql';
import type { ContactKind, FindContactsQuery as FoundContacts } from '../gql/graphql';
import type { Option } from '../ui/Autocomplete';
import { humanize } from '../ui/format';
import {
  FindAccountsQuery,
  FindContactsQuery,
  FindMembersQuery,
  SearchAccountsQuery,
} from './lookups.operations';

type FoundContact = FoundContacts['contacts']['edges'][number]['node'];

export function contactOption(node: FoundContact): Option {
  return {
    id: `contact:${node.id}`,
    label: node.name,
    group: 'Contact',
    detail: [node.title, node.currentAccount?.name].filter(Boolean).join(', '),
    accountId: node.currentAccount?.id ?? null,
  };
}

/** Search functions for autocompletes: accounts, contacts, members. */
export function useLookups() {
  const client = useClient();
  /** Ranked like the header search (best match first, typos tolerated); by name while empty. */
  const accounts = useCallback(
    async (text: string): Promise<Option[]> => {
      if (!text) {
        const result = await client
          .query(FindAccountsQuery, { text: null }, { requestPolicy: 'network-only' })
          .toPromise();
        if (result.error) throw result.error;
        return result.data!.accounts.edges.map(({ node }) => ({
          id: node.id,
          label: node.name,
          detail: humanize(node.kind),
        }));
      }
      const result = await client
        .query(SearchAccountsQuery, { query: text }, { requestPolicy: 'network-only' })
        .toPromise();
      if (result.error) throw result.error;
      return result
        .data!.search.flatMap((hit) => (hit.kind === 'ACCOUNT' && hit.account ? [hit.account] : []))
        .slice(0, 8)
        .map((account) => ({ id: account.id, label: account.name, detail: humanize(account.kind) }));
    },
    [client],
  );
  const findContacts = useCallback(
    async (variables: {
      text: string;
      accountId?: string;
      kinds?: ContactKind[];
      first?: number;
    }): Promise<Option[]> => {
      const result = await client
        .query(
          FindContactsQuery,
          { ...variables, text: variables.text || null },
          { requestPolicy: 'network-only' },
        )
        .toPromise();
      if (result.error) throw result.error;
      return result.data!.contacts.edges.map(({ node }) => contactOption(node));
    },
    [client],
  );
  const contacts = useCallback((text: string) => findContacts({ text }), [findContacts]);
  const agents = useCallback((text: string) => findContacts({ text, kinds: ['AGENT'] }), [findContacts]);
  const talent = useCallback((text: string) => findContacts({ text, kinds: ['TALENT'] }), [findContacts]);
  const members = useCallback(
    async (text: string): Promise<Option[]> => {
      const result = await client
        .query(FindMembersQuery, { search: text || null }, { requestPolicy: 'network-only' })
        .toPromise();
      if (result.error) throw result.error;
      return result.data!.members.edges.map(({ node }) => ({
        id: `member:${node.id}`,
        label: node.user.name,
        group: 'Member',
        detail: humanize(node.role),
      }));
    },
    [client],
  );
  /**
   * Attendees of an interaction with `accounts`: the people currently at those accounts first,
   * then other contacts (their company shown), then teammates.
   */
  const attendeesAt = useCallback(
    (accountIds: string[]) =>
      async (text: string): Promise<Option[]> => {
        const [local, others, team] = await Promise.all([
          Promise.all(accountIds.map((accountId) => findContacts({ text, accountId, first: 20 }))).then(
            (lists) => lists.flat(),
          ),
          findContacts({ text }),
          members(text),
        ]);
        const seen = new Set(local.map((option) => option.id));
        return [...local, ...others.filter((option) => !seen.has(option.id)), ...team];
      },
    [findContacts, members],
  );
  return { accounts, contacts, agents, talent, members, attendeesAt };
}
