import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import { graphql } from '../../gql';
import type { AuditLogQuery } from '../../gql/graphql';
import { formatDateTime, humanize } from '../../ui/format';
import { enumOptions, memberOptions, SelectFilter } from '../../ui/SelectFilter';
import { DateRangeFilter, dayStart } from '../../ui/DateRangeFilter';
import { useListParams } from '../../ui/list-params';
import { ListPage } from '../../ui/ListPage';
import type { Column } from '../../ui/PagedTable';
import { EmptyState } from '../../ui/States';
import { ActiveMembersQuery } from '../pipeline/pipeline.operations';

const AuditLogQuery = graphql(`
  query AuditLog($entity: String, $entityId: ID, $actorId: ID, $since: DateTime, $until: DateTime, $first: Int, $after: String, $withTotal: Boolean! = true) {
    auditEntries(entity: $entity, entityId: $entityId, actorId: $actorId, since: $since, until: $until, first: $first, after: $after) {
      totalCount @include(if: $withTotal)
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          at
          action
          entity
          entityId
          actorType
          before
          after
          actorMember {
            id
            user {
              name
            }
          }
        }
      }
    }
  }
`);

type Entry = AuditLogQuery['auditEntries']['edges'][number]['node'];

const ENTITIES = [
  'account',
  'account_competitor',
  'contact',
  'position',
  'representation',
  'interaction',
  'task',
  'stage',
  'pilot',
  'pilot_criterion',
  'alert',
  'campaign',
  'member',
  'invitation',
  'api_key',
  'generator_identity',
  'import',
  'workspace',
];

const PAGES: Record<string, string> = { account: '/accounts', contact: '/contacts', pilot: '/pilots' };

/** The fields an entry changed: the keys whose value differs between before and after. */
function changedFields(entry: Entry): string {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => !['id', 'workspaceId', 'createdAt', 'updatedAt'].includes(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  if (!entry.before) return keys.length ? `set ${keys.slice(0, 6).join(', ')}` : '—';
  return keys.length ? keys.slice(0, 6).map((key) => `${key}: ${short(before[key])} → ${short(after[key])}`).join('; ') : '—';
}

function short(value: unknown): string {
  const text = value == null ? '∅' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const COLUMNS: Column<Entry>[] = [
  { key: 'at', label: 'When', render: (row) => formatDateTime(row.at) },
  { key: 'who', label: 'Who', render: (row) => row.actorMember?.user.name ?? humanize(row.actorType) },
  { key: 'action', label: 'Action', render: (row) => humanize(row.action) },
  {
    key: 'record',
    label: 'Record',
    render: (row) => {
      const label = `${humanize(row.entity)} ${row.entityId.slice(0, 8)}`;
      return PAGES[row.entity] && row.action !== 'delete' ? <Link to={`${PAGES[row.entity]}/${row.entityId}`}>{label}</Link> : label;
    },
  },
  { key: 'changes', label: 'Changes', render: (row) => <span className="cell-summary small">{changedFields(row)}</span> },
];

/** Who changed what and when, newest first; by member, kind of record, record and dates. */
export default function AuditPage() {
  const viewer = useViewer();
  const view = useListParams({ by: 'AT', direction: 'DESC' });
  const [{ data: members }] = useQuery({ query: ActiveMembersQuery, requestPolicy: 'cache-first' });
  if (!viewer.isAdmin) return <EmptyState title="Only workspace admins can read the audit log." />;
  const variables = {
    entity: view.get('entity') || undefined,
    entityId: view.get('record') || undefined,
    actorId: view.get('member') || undefined,
    since: dayStart(view.get('from')),
    until: dayStart(view.get('to'), 1),
  };
  return (
    <ListPage
      list="AUDIT"
      title="Audit log"
      subtitle="Every change in the workspace: who made it, when, and what it was before."
      view={view}
      filterLabel="Filter the audit log"
      filters={
        <>
          <SelectFilter
            label="Member"
            anyLabel="Anyone"
            value={view.get('member')}
            options={memberOptions(members?.members.edges.map(({ node }) => node) ?? [])}
            onChange={(member) => view.set({ member })}
          />
          <SelectFilter
            label="Record kind"
            anyLabel="Any"
            value={view.get('entity')}
            options={enumOptions(ENTITIES, humanize)}
            onChange={(entity) => view.set({ entity, record: null })}
          />
          <DateRangeFilter view={view} />
          {view.get('record') && (
            <button type="button" className="button button-quiet" onClick={() => view.set({ record: null })}>
              Show every record
            </button>
          )}
        </>
      }
      caption="Audit entries, newest first"
      columns={COLUMNS}
      query={AuditLogQuery}
      variables={variables}
      connection={(data) => data.auditEntries}
      empty={<EmptyState title="No change matches these filters." />}
    />
  );
}
