import { useState } from 'react';
import { Link } from 'react-router';
import { useViewer } from '../../auth/ViewerProvider';
import { graphql } from '../../gql';
import { useQuery } from 'urql';
import type {
  InteractionFilter,
  InteractionKind,
  InteractionSortField,
  InteractionsListQuery,
} from '../../gql/graphql';
import { INTERACTION_KINDS } from '../../interactions/options';
import { SentimentBadge } from '../../ui/Badge';
import { ExportButton } from '../../ui/ExportButton';
import { formatDateTime, humanize } from '../../ui/format';
import { enumOptions, memberOptions, SelectFilter } from '../../ui/SelectFilter';
import { DateRangeFilter, dayStart } from '../../ui/DateRangeFilter';
import { compact, useListParams } from '../../ui/list-params';
import { ListPage } from '../../ui/ListPage';
import type { Column } from '../../ui/PagedTable';
import { EmptyState } from '../../ui/States';
import { TextFilter } from '../../ui/TextFilter';
import { ActiveMembersQuery } from '../pipeline/pipeline.operations';
import { InteractionBulkActions } from './InteractionBulkActions';

const InteractionsListQuery = graphql(`
  query InteractionsList(
    $filter: InteractionFilter
    $sortBy: InteractionSortField
    $sortDirection: SortDirection
    $first: Int
    $after: String
    $withTotal: Boolean! = true
  ) {
    interactions(filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection, first: $first, after: $after) {
      totalCount @include(if: $withTotal)
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          summary
          sentiment
          occurredAt
          accounts {
            id
            name
          }
          contacts {
            id
            name
          }
          loggedBy {
            user {
              name
            }
          }
        }
      }
    }
  }
`);

type InteractionRow = InteractionsListQuery['interactions']['edges'][number]['node'];

function links(items: { id: string; name: string }[], base: string) {
  if (!items.length) return '—';
  return items.map((item, index) => (
    <span key={item.id}>
      {index > 0 && ', '}
      <Link to={`${base}/${item.id}`}>{item.name}</Link>
    </span>
  ));
}

const COLUMNS: Column<InteractionRow>[] = [
  { key: 'when', label: 'When', sort: 'OCCURRED_AT', render: (row) => formatDateTime(row.occurredAt) },
  { key: 'kind', label: 'Kind', render: (row) => humanize(row.kind) },
  { key: 'accounts', label: 'Accounts', render: (row) => links(row.accounts, '/accounts') },
  { key: 'contacts', label: 'People', render: (row) => links(row.contacts, '/contacts') },
  { key: 'summary', label: 'Summary', render: (row) => <span className="cell-summary">{row.summary}</span> },
  { key: 'sentiment', label: 'Sentiment', render: (row) => <SentimentBadge sentiment={row.sentiment} /> },
  { key: 'by', label: 'Logged by', render: (row) => row.loggedBy?.user.name ?? '—' },
];

/** Every logged interaction, newest first, by kind, member, words and dates; moved to another account in bulk; CSV export. */
export default function InteractionsPage() {
  const viewer = useViewer();
  const view = useListParams({ by: 'OCCURRED_AT', direction: 'DESC' });
  const [selected, setSelected] = useState(new Map<string, InteractionRow>());
  const [{ data: members }] = useQuery({ query: ActiveMembersQuery, requestPolicy: 'cache-first' });
  const filter: InteractionFilter = compact({
    text: view.get('q'),
    kinds: view.get('kind') ? [view.get('kind') as InteractionKind] : undefined,
    memberId: view.get('member'),
    occurredAfter: dayStart(view.get('from')),
    occurredBefore: dayStart(view.get('to'), 1),
  });
  return (
    <ListPage
      list="INTERACTIONS"
      title="Interactions"
      subtitle="Meetings, calls, demos and screenings, newest first."
      view={view}
      sortable
      actions={<ExportButton kind="interactions" filter={filter} sort={view.sort} />}
      filterLabel="Filter interactions"
      filters={
        <>
          <TextFilter label="Words" value={view.get('q')} onChange={(q) => view.set({ q })} />
          <SelectFilter
            label="Kind"
            anyLabel="Any kind"
            value={view.get('kind')}
            options={enumOptions(INTERACTION_KINDS, humanize)}
            onChange={(kind) => view.set({ kind })}
          />
          <SelectFilter
            label="Member"
            anyLabel="Anyone"
            value={view.get('member')}
            options={memberOptions(members?.members.edges.map(({ node }) => node) ?? [])}
            onChange={(member) => view.set({ member })}
          />
          <DateRangeFilter view={view} />
        </>
      }
      notices={
        viewer.canEdit &&
        selected.size > 0 && (
          <InteractionBulkActions selected={[...selected.values()]} onDone={() => setSelected(new Map())} />
        )
      }
      caption="Interactions"
      columns={COLUMNS}
      query={InteractionsListQuery}
      variables={{ filter, sortBy: view.sort.by as InteractionSortField, sortDirection: view.sort.direction }}
      connection={(data) => data.interactions}
      selection={viewer.canEdit ? { selected, onChange: setSelected, label: (row) => row.summary } : undefined}
      empty={<EmptyState title="No interaction matches these filters." />}
    />
  );
}
