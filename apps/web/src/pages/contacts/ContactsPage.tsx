import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import type { ContactFilter, ContactKind, ContactSortField, ContactsListQuery } from '../../gql/graphql';
import { Dialog } from '../../ui/Dialog';
import { ExportButton } from '../../ui/ExportButton';
import { formatDate, humanize } from '../../ui/format';
import { enumOptions, memberOptions, SelectFilter } from '../../ui/SelectFilter';
import { ArchivedFilter } from '../../ui/ArchivedFilter';
import { compact, useListParams } from '../../ui/list-params';
import { ListPage } from '../../ui/ListPage';
import { ContactBulkActions } from './ContactBulkActions';
import type { Column } from '../../ui/PagedTable';
import { EmptyState } from '../../ui/States';
import { TextFilter } from '../../ui/TextFilter';
import { AccountFormOptionsQuery } from '../accounts/accounts.operations';
import { CONTACT_KINDS } from './contact-options';
import { ContactForm } from './ContactForm';
import { ContactsListQuery as ListQuery } from './contacts.operations';

type ContactRow = ContactsListQuery['contacts']['edges'][number]['node'];

const COLUMNS: Column<ContactRow>[] = [
  {
    key: 'name',
    label: 'Name',
    sort: 'NAME',
    render: (row) => <Link to={`/contacts/${row.id}`}>{row.name}</Link>,
  },
  { key: 'kind', label: 'Kind', render: (row) => humanize(row.kind) },
  { key: 'title', label: 'Title', render: (row) => row.title ?? '—' },
  {
    key: 'company',
    label: 'Company',
    render: (row) =>
      row.currentAccount ? (
        <Link to={`/accounts/${row.currentAccount.id}`}>{row.currentAccount.name}</Link>
      ) : (
        '—'
      ),
  },
  { key: 'email', label: 'Email', render: (row) => row.emails[0] ?? '—' },
  {
    key: 'relationship',
    label: 'Relationship',
    numeric: true,
    render: (row) => (row.relationshipStrength ? `${row.relationshipStrength}/5` : '—'),
  },
  { key: 'owner', label: 'Owner', render: (row) => row.owner?.user.name ?? '—' },
  { key: 'updated', label: 'Updated', sort: 'UPDATED_AT', render: (row) => formatDate(row.updatedAt) },
];

/** Every contact as a list: filters and order in the address, pages on demand, bulk edits, CSV export. */
export default function ContactsPage() {
  const viewer = useViewer();
  const navigate = useNavigate();
  const view = useListParams({ by: 'NAME', direction: 'ASC' });
  const [{ data: options }] = useQuery({ query: AccountFormOptionsQuery, requestPolicy: 'cache-first' });
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState(new Map<string, ContactRow>());
  const filter: ContactFilter = compact({
    text: view.get('q'),
    kinds: view.get('kind') ? [view.get('kind') as ContactKind] : undefined,
    ownerIds: view.get('owner') ? [view.get('owner')] : undefined,
    archived: view.get('archived') === 'true' ? true : undefined,
  });
  const members = options?.members.edges.map((edge) => edge.node) ?? [];
  return (
    <ListPage
      list="CONTACTS"
      title="Contacts"
      subtitle="Everyone we know, where they work and who represents them."
      view={view}
      sortable
      actions={
        <>
          <ExportButton kind="contacts" filter={filter} sort={view.sort} />
          {viewer.canEdit && (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              New contact
            </button>
          )}
        </>
      }
      filterLabel="Filter contacts"
      filters={
        <>
          <TextFilter label="Name or email" value={view.get('q')} onChange={(q) => view.set({ q })} />
          <SelectFilter
            label="Kind"
            anyLabel="Any kind"
            value={view.get('kind')}
            options={enumOptions(CONTACT_KINDS, humanize)}
            onChange={(kind) => view.set({ kind })}
          />
          <SelectFilter
            label="Owner"
            anyLabel="Anyone"
            value={view.get('owner')}
            options={memberOptions(members, viewer.memberId)}
            onChange={(owner) => view.set({ owner })}
          />
          <ArchivedFilter view={view} />
        </>
      }
      notices={
        viewer.canEdit &&
        selected.size > 0 && (
          <ContactBulkActions
            selected={[...selected.values()]}
            members={members}
            onDone={() => setSelected(new Map())}
          />
        )
      }
      caption="Contacts"
      columns={COLUMNS}
      query={ListQuery}
      variables={{ filter, sortBy: view.sort.by as ContactSortField, sortDirection: view.sort.direction }}
      connection={(data) => data.contacts}
      selection={viewer.canEdit ? { selected, onChange: setSelected, label: (row) => row.name } : undefined}
      empty={
        <EmptyState title="No contact matches these filters." hint="Clear a filter, or add the person." />
      }
    >
      <Dialog open={creating} title="New contact" onClose={() => setCreating(false)} wide>
        <ContactForm
          onCancel={() => setCreating(false)}
          onSaved={(contact) => {
            setCreating(false);
            navigate(`/contacts/${contact.id}`);
          }}
        />
      </Dialog>
    </ListPage>
  );
}
