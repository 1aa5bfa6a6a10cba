import { useCallback } from 'react';
import { useClient } from 'urql';
import type { Option } from '../ui/Autocomplete';
import { humanize } from '../ui/format';
import { FindAccountsQuery, FindContactsQuery, FindMembersQuery } from './lookups.operations';

/** Search functions for autocompletes: accounts, contacts, members. */
export function useLookups() {
  const client = useClient();
  const accounts = useCallback(
    async (text: string): Promise<Option[]> => {
      const result = await client.query(FindAccountsQuery, { text: text || null }, { requestPolicy: 'network-only' }).toPromise();
      if (result.error) throw result.error;
      return result.data!.accounts.edges.map(({ node }) => ({ id: node.id, label: node.name, detail: humanize(node.kind) }));
    },
    [client],
  );
  const contacts = useCallback(
    async (text: string): Promise<Option[]> => {
      const result = await client.query(FindContactsQuery, { text: text || null }, { requestPolicy: 'network-only' }).toPromise();
      if (result.error) throw result.error;
      return result.data!.contacts.edges.map(({ node }) => ({
        id: `contact:${node.id}`,
        label: node.name,
        group: 'Contact',
        detail: [node.title, node.currentAccount?.name].filter(Boolean).join(', '),
      }));
    },
    [client],
  );
  const members = useCallback(
    async (text: string): Promise<Option[]> => {
      const result = await client.query(FindMembersQuery, { search: text || null }, { requestPolicy: 'network-only' }).toPromise();
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
  /** Contacts and members together, for attendees. */
  const attendees = useCallback(
    async (text: string) => {
      const [people, team] = await Promise.all([contacts(text), members(text)]);
      return [...people, ...team];
    },
    [contacts, members],
  );
  return { accounts, contacts, members, attendees };
}
