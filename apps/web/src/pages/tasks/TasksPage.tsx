import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import { graphql } from '../../gql';
import type { TaskFilter, TaskSortField, TasksListQuery, TaskStatus } from '../../gql/graphql';
import { ExportButton } from '../../ui/ExportButton';
import { formatDate, humanize } from '../../ui/format';
import { compact, useListParams } from '../../ui/list-params';
import { ListPage } from '../../ui/ListPage';
import { TaskBulkActions } from './TaskBulkActions';
import type { Column } from '../../ui/PagedTable';
import { memberOptions, SelectFilter } from '../../ui/SelectFilter';
import { EmptyState, FormError } from '../../ui/States';
import { TextFilter } from '../../ui/TextFilter';
import { ActiveMembersQuery } from '../pipeline/pipeline.operations';

const TasksListQuery = graphql(`
  query TasksList(
    $filter: TaskFilter
    $sortBy: TaskSortField
    $sortDirection: SortDirection
    $first: Int
    $after: String
    $withTotal: Boolean! = true
  ) {
    tasks(filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection, first: $first, after: $after) {
      totalCount @include(if: $withTotal)
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          status
          dueAt
          overdue
          completedAt
          account {
            id
            name
          }
          contact {
            id
            name
          }
          assignee {
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

const TaskCountsQuery = graphql(`
  query TaskCounts($assigneeIds: [ID!], $now: DateTime!, $endOfDay: DateTime!) {
    overdue: tasks(first: 1, filter: { assigneeIds: $assigneeIds, statuses: [OPEN], overdue: true }) {
      totalCount
    }
    today: tasks(
      first: 1
      filter: { assigneeIds: $assigneeIds, statuses: [OPEN], dueAfter: $now, dueBefore: $endOfDay }
    ) {
      totalCount
    }
    upcoming: tasks(first: 1, filter: { assigneeIds: $assigneeIds, statuses: [OPEN], dueAfter: $endOfDay }) {
      totalCount
    }
  }
`);

const SetTaskStatusMutation = graphql(`
  mutation SetTaskStatus($id: ID!, $status: TaskStatus!) {
    updateTask(input: { id: $id, status: $status }) {
      id
      status
      completedAt
      overdue
    }
  }
`);

type TaskRow = TasksListQuery['tasks']['edges'][number]['node'];
type When = 'overdue' | 'today' | 'upcoming' | '';

const WHEN_LABELS: Record<Exclude<When, ''>, string> = {
  overdue: 'Overdue',
  today: 'Due today',
  upcoming: 'Upcoming',
};

const STATUS_OPTIONS = [
  { value: 'OPEN', label: 'Open' },
  { value: 'DONE', label: 'Done' },
  { value: 'CANCELLED', label: 'Cancelled' },
  { value: 'ALL', label: 'All' },
];

function endOfToday(): Date {
  const end = new Date();
  end.setHours(23, 59, 59, 999);
  return end;
}

/** Tasks, mine and open by default: overdue, due today and upcoming; complete one, with undo. */
export default function TasksPage() {
  const viewer = useViewer();
  const view = useListParams({ by: 'DUE_AT', direction: 'ASC' });
  const [{ data: members }] = useQuery({ query: ActiveMembersQuery, requestPolicy: 'cache-first' });
  const [done, setDone] = useState<TaskRow | null>(null);
  const [selected, setSelected] = useState(new Map<string, TaskRow>());
  const [statusChange, setStatus] = useMutation(SetTaskStatusMutation);
  const [now] = useState(() => new Date().toISOString());
  const [endOfDay] = useState(() => endOfToday().toISOString());
  const assignee = view.get('assignee') || viewer.memberId;
  const assigneeIds = assignee === 'anyone' ? undefined : [assignee];
  const status = (view.get('status') || 'OPEN') as TaskStatus | 'ALL';
  const when = view.get('when') as When;
  const [{ data: counts }] = useQuery({
    query: TaskCountsQuery,
    variables: { assigneeIds, now, endOfDay },
    requestPolicy: 'cache-and-network',
  });
  const filter: TaskFilter = compact({
    assigneeIds,
    statuses: status === 'ALL' ? undefined : [status],
    text: view.get('q'),
    overdue: when === 'overdue' ? true : undefined,
    dueAfter: when === 'today' ? now : when === 'upcoming' ? endOfDay : undefined,
    dueBefore: when === 'today' ? endOfDay : undefined,
  });

  async function complete(task: TaskRow) {
    const result = await setStatus({ id: task.id, status: 'DONE' });
    if (!result.error) setDone(task);
  }

  const columns: Column<TaskRow>[] = [
    {
      key: 'done',
      label: 'Done',
      render: (row) =>
        viewer.canEdit && row.status === 'OPEN' ? (
          <input
            type="checkbox"
            aria-label={`Complete ${row.title}`}
            onChange={() => complete(row)}
            disabled={statusChange.fetching}
          />
        ) : (
          <span className="muted small">{humanize(row.status)}</span>
        ),
    },
    { key: 'title', label: 'Task', sort: 'TITLE', render: (row) => row.title },
    {
      key: 'due',
      label: 'Due',
      sort: 'DUE_AT',
      render: (row) => (
        <span className={row.overdue ? 'overdue' : undefined}>
          {row.dueAt ? formatDate(row.dueAt) : 'no due date'}
        </span>
      ),
    },
    {
      key: 'account',
      label: 'Account',
      render: (row) =>
        row.account ? <Link to={`/accounts/${row.account.id}`}>{row.account.name}</Link> : '—',
    },
    {
      key: 'contact',
      label: 'Contact',
      render: (row) =>
        row.contact ? <Link to={`/contacts/${row.contact.id}`}>{row.contact.name}</Link> : '—',
    },
    { key: 'assignee', label: 'Assignee', render: (row) => row.assignee?.user.name ?? '—' },
  ];

  return (
    <ListPage
      list="TASKS"
      title={assignee === viewer.memberId && status === 'OPEN' ? 'My tasks' : 'Tasks'}
      subtitle="Follow-ups from interactions and anything else to do, soonest due first."
      view={view}
      sortable
      actions={<ExportButton kind="tasks" filter={filter} sort={view.sort} />}
      tabs={
        status === 'OPEN' && (
          <nav aria-label="When tasks are due" className="tabs">
            {(['', 'overdue', 'today', 'upcoming'] as When[]).map((value) => {
              const count = value ? counts?.[value].totalCount : undefined;
              return (
                <button
                  key={value || 'all'}
                  type="button"
                  className={when === value ? 'tab active' : 'tab'}
                  aria-pressed={when === value}
                  onClick={() => view.set({ when: value })}
                >
                  {value ? WHEN_LABELS[value] : 'All open'}
                  {count !== undefined && <span className="count">{count}</span>}
                </button>
              );
            })}
          </nav>
        )
      }
      filterLabel="Filter tasks"
      filters={
        <>
          <TextFilter label="Words" value={view.get('q')} onChange={(q) => view.set({ q })} />
          <SelectFilter
            label="Assignee"
            value={assignee}
            options={[
              { value: viewer.memberId, label: 'Me' },
              { value: 'anyone', label: 'Anyone' },
              ...memberOptions(members?.members.edges.map(({ node }) => node) ?? []).filter(
                (option) => option.value !== viewer.memberId,
              ),
            ]}
            onChange={(value) => view.set({ assignee: value === viewer.memberId ? null : value })}
          />
          <SelectFilter
            label="Status"
            value={status}
            options={STATUS_OPTIONS}
            onChange={(value) => view.set({ status: value === 'OPEN' ? null : value, when: null })}
          />
        </>
      }
      notices={
        <>
          {done && (
            <div className="notice undo-bar" role="status">
              <span>Completed “{done.title}”.</span>
              <button
                type="button"
                className="button"
                onClick={async () => {
                  const result = await setStatus({ id: done.id, status: 'OPEN' });
                  if (!result.error) setDone(null);
                }}
              >
                Undo
              </button>
            </div>
          )}
          <FormError error={statusChange.error} />
          {viewer.canEdit && selected.size > 0 && (
            <TaskBulkActions
              selected={[...selected.values()]}
              members={members?.members.edges.map(({ node }) => node) ?? []}
              onDone={() => setSelected(new Map())}
            />
          )}
        </>
      }
      caption="Tasks"
      columns={columns}
      query={TasksListQuery}
      variables={{ filter, sortBy: view.sort.by as TaskSortField, sortDirection: view.sort.direction }}
      connection={(data) => data.tasks}
      selection={viewer.canEdit ? { selected, onChange: setSelected, label: (row) => row.title } : undefined}
      empty={<EmptyState title={status === 'OPEN' ? 'Nothing to do here.' : 'No task matches these filters.'} />}
    />
  );
}
