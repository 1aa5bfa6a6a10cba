import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import type { AccountFilter, AccountKind, AccountSortField, AccountsListQuery } from '../../gql/graphql';
import { StageBadge } from '../../ui/Badge';
import { Dialog } from '../../ui/Dialog';
import { formatDate, formatMoney, humanize } from '../../ui/format';
import { enumOptions, memberOptions, SelectFilter } from '../../ui/SelectFilter';
import { ArchivedFilter } from '../../ui/ArchivedFilter';
import { compact, useListParams } from '../../ui/list-params';
import { ListPage } from '../../ui/ListPage';
import type { Column } from '../../ui/PagedTable';
import { EmptyState } from '../../ui/States';
import { ACCOUNT_KINDS } from '../pipeline/account-kinds';
import { AccountForm } from './AccountForm';
import { AccountFormOptionsQuery, AccountsListQuery as ListQuery } from './accounts.operations';
import { AccountBulkActions } from './AccountBulkActions';
import { ExportButton } from '../../ui/ExportButton';
import { TextFilter } from '../../ui/TextFilter';

export type AccountRow = AccountsListQuery['accounts']['edges'][number]['node'];

const COLUMNS: Column<AccountRow>[] = [
  {
    key: 'name',
    label: 'Name',
    sort: 'NAME',
    render: (row) => <Link to={`/accounts/${row.id}`}>{row.name}</Link>,
  },
  { key: 'kind', label: 'Kind', render: (row) => humanize(row.kind) },
  {
    key: 'stage',
    label: 'Stage',
    sort: 'STAGE_ENTERED_AT',
    render: (row) => <StageBadge stage={row.stage} />,
  },
  {
    key: 'owner',
    label: 'Owner',
    render: (row) => row.owner?.user.name ?? <span className="muted">nobody</span>,
  },
  { key: 'region', label: 'Region', render: (row) => row.region ?? '—' },
  { key: 'tags', label: 'Tags', render: (row) => row.tags.join(', ') || '—' },
  {
    key: 'value',
    label: 'Expected value',
    sort: 'EXPECTED_ANNUAL_VALUE',
    numeric: true,
    render: (row) => formatMoney(row.expectedAnnualValue, row.currency),
  },
  { key: 'updated', label: 'Updated', sort: 'UPDATED_AT', render: (row) => formatDate(row.updatedAt) },
];

/** Every account as a list: filters and order in the address, pages loaded on demand, bulk edits, CSV export. */
export default function AccountsPage() {
  const viewer = useViewer();
  const navigate = useNavigate();
  const view = useListParams({ by: 'NAME', direction: 'ASC' });
  const [{ data: options }] = useQuery({ query: AccountFormOptionsQuery, requestPolicy: 'cache-first' });
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState(new Map<string, AccountRow>());
  const filter: AccountFilter = compact({
    text: view.get('q'),
    kinds: view.get('kind') ? [view.get('kind') as AccountKind] : undefined,
    stageIds: view.get('stage') ? [view.get('stage')] : undefined,
    ownerIds: view.get('owner') ? [view.get('owner')] : undefined,
    tags: view.get('tag') ? [view.get('tag')] : undefined,
    region: view.get('region'),
    competitor: view.get('competitor'),
    archived: view.get('archived') === 'true' ? true : undefined,
  });
  const members = options?.members.edges.map((edge) => edge.node) ?? [];

  return (
    <ListPage
      list="ACCOUNTS"
      title="Accounts"
      subtitle="Studios, streamers, agencies and everyone else we work with."
      view={view}
      sortable
      actions={
        <>
          <ExportButton kind="accounts" filter={filter} sort={view.sort} />
          {viewer.canEdit && (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              New account
            </button>
          )}
        </>
      }
      filterLabel="Filter accounts"
      filters={
        <>
          <TextFilter label="Name or domain" value={view.get('q')} onChange={(q) => view.set({ q })} />
          <SelectFilter
            label="Kind"
            anyLabel="Any kind"
            value={view.get('kind')}
            options={enumOptions(ACCOUNT_KINDS, humanize)}
            onChange={(kind) => view.set({ kind })}
          />
          <SelectFilter
            label="Stage"
            anyLabel="Any stage"
            value={view.get('stage')}
            options={(options?.stages ?? []).map((stage) => ({ value: stage.id, label: stage.name }))}
            onChange={(stage) => view.set({ stage })}
          />
          <SelectFilter
            label="Owner"
            anyLabel="Anyone"
            value={view.get('owner')}
            options={memberOptions(members, viewer.memberId)}
            onChange={(owner) => view.set({ owner })}
          />
          <TextFilter label="Tag" value={view.get('tag')} onChange={(tag) => view.set({ tag })} />
          <TextFilter label="Region" value={view.get('region')} onChange={(region) => view.set({ region })} />
          <TextFilter
            label="Competitor"
            value={view.get('competitor')}
            onChange={(competitor) => view.set({ competitor })}
          />
          <ArchivedFilter view={view} />
        </>
      }
      notices={
        viewer.canEdit &&
        selected.size > 0 && (
          <AccountBulkActions
            selected={[...selected.values()]}
            stages={options?.stages ?? []}
            members={members}
            onDone={() => setSelected(new Map())}
          />
        )
      }
      caption="Accounts"
      columns={COLUMNS}
      query={ListQuery}
      variables={{ filter, sortBy: view.sort.by as AccountSortField, sortDirection: view.sort.direction }}
      connection={(data) => data.accounts}
      selection={viewer.canEdit ? { selected, onChange: setSelected, label: (row) => row.name } : undefined}
      empty={
        <EmptyState title="No account matches these filters." hint="Clear a filter, or create the account." />
      }
    >
      <Dialog open={creating} title="New account" onClose={() => setCreating(false)} wide>
        <AccountForm
          onCancel={() => setCreating(false)}
          onSaved={(account) => {
            setCreating(false);
            navigate(`/accounts/${account.id}`);
          }}
        />
      </Dialog>
    </ListPage>
  );
}
