import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import type {
  AccountKind,
  BetaAccessListQuery,
  GrantFilter,
  GrantSortField,
  GrantStatus,
  GrantSubjectKind,
} from '../../gql/graphql';
import { ExportButton } from '../../ui/ExportButton';
import { formatDate, formatDay, humanize } from '../../ui/format';
import { compact, useListParams } from '../../ui/list-params';
import { ListPage } from '../../ui/ListPage';
import type { Column } from '../../ui/PagedTable';
import { enumOptions, memberOptions, SelectFilter } from '../../ui/SelectFilter';
import { EmptyState } from '../../ui/States';
import { ACCOUNT_KINDS } from '../pipeline/account-kinds';
import { ActiveMembersQuery } from '../pipeline/pipeline.operations';
import { AdoptionBadges, GRANT_STATUSES, GrantStatusBadge, usageCredits } from './grant-format';
import { BetaAccessListQuery as ListQuery } from './grants.operations';

type GrantRow = BetaAccessListQuery['grants']['edges'][number]['node'];

const SUBJECT_KINDS = [
  { value: 'ACCOUNT', label: 'Accounts' },
  { value: 'CONTACT', label: 'People' },
];

/** Every access grant of the workspace: who has it, its state and its use; filtered, sorted, exported. */
export default function BetaAccessPage() {
  const viewer = useViewer();
  const view = useListParams({ by: 'CREATED_AT', direction: 'DESC' });
  const [{ data: members }] = useQuery({ query: ActiveMembersQuery, requestPolicy: 'cache-first' });
  const filter: GrantFilter = compact({
    statuses: view.get('status') ? [view.get('status') as GrantStatus] : undefined,
    subjectKinds: view.get('subject') ? [view.get('subject') as GrantSubjectKind] : undefined,
    accountKinds: view.get('kind') ? [view.get('kind') as AccountKind] : undefined,
    ownerId: view.get('owner') || undefined,
  });

  const columns: Column<GrantRow>[] = [
    {
      key: 'subject',
      label: 'Given to',
      render: (row) =>
        row.account ? (
          <Link to={`/accounts/${row.account.id}`}>{row.account.name}</Link>
        ) : row.contact ? (
          <Link to={`/contacts/${row.contact.id}`}>{row.contact.name}</Link>
        ) : (
          '—'
        ),
    },
    {
      key: 'kind',
      label: 'Kind',
      render: (row) => (row.account ? humanize(row.account.kind) : 'Person'),
    },
    { key: 'status', label: 'Status', render: (row) => <GrantStatusBadge status={row.status} /> },
    {
      key: 'used',
      label: 'Credits used',
      numeric: true,
      render: (row) => (row.creditUnit ? usageCredits(row.usage.creditsUsed, row.creditUnit, row.usage) : 'No limit'),
    },
    {
      key: 'left',
      label: 'Credits left',
      numeric: true,
      render: (row) => usageCredits(row.usage.creditsLeft, row.creditUnit, row.usage),
    },
    { key: 'seats', label: 'Seats', numeric: true, render: (row) => row.seats ?? '—' },
    {
      key: 'use',
      label: 'First / last use',
      render: (row) =>
        row.usage.firstUseOn ? `${formatDay(row.usage.firstUseOn)} / ${formatDay(row.usage.lastUseOn)}` : 'Not used',
    },
    { key: 'adoption', label: 'Adoption', render: (row) => <AdoptionBadges usage={row.usage} /> },
    { key: 'starts', label: 'Starts', sort: 'STARTS_ON', render: (row) => formatDay(row.startsOn) },
    {
      key: 'expires',
      label: 'Expires',
      sort: 'EXPIRES_ON',
      render: (row) => (row.expiresOn ? formatDay(row.expiresOn) : 'Open-ended'),
    },
    { key: 'created', label: 'Granted on', sort: 'CREATED_AT', render: (row) => formatDate(row.createdAt) },
    { key: 'owner', label: 'Account owner', render: (row) => row.account?.owner?.user.name ?? '—' },
  ];

  return (
    <ListPage
      list="GRANTS"
      title="Beta access"
      subtitle="Who was given access to the generator, and who uses it."
      view={view}
      sortable
      actions={<ExportButton kind="grants" filter={filter} sort={view.sort} />}
      filterLabel="Filter grants"
      filters={
        <>
          <SelectFilter
            label="Status"
            value={view.get('status')}
            anyLabel="Any"
            options={enumOptions(GRANT_STATUSES, humanize)}
            onChange={(status) => view.set({ status })}
          />
          <SelectFilter
            label="Given to"
            value={view.get('subject')}
            anyLabel="Accounts and people"
            options={SUBJECT_KINDS}
            onChange={(subject) => view.set({ subject })}
          />
          <SelectFilter
            label="Account kind"
            value={view.get('kind')}
            anyLabel="Any"
            options={enumOptions(ACCOUNT_KINDS, humanize)}
            onChange={(kind) => view.set({ kind })}
          />
          <SelectFilter
            label="Account owner"
            value={view.get('owner')}
            anyLabel="Anyone"
            options={memberOptions(members?.members.edges.map(({ node }) => node) ?? [], viewer.memberId)}
            onChange={(owner) => view.set({ owner })}
          />
        </>
      }
      caption="Access grants"
      columns={columns}
      query={ListQuery}
      variables={{ filter, sortBy: view.sort.by as GrantSortField, sortDirection: view.sort.direction }}
      connection={(data) => data.grants}
      empty={
        <EmptyState
          title="No grant matches these filters."
          hint="Grants are given from an account's or a person's page."
        />
      }
    />
  );
}
