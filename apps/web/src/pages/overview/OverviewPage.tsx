import { Link, Navigate } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import { SentimentBadge } from '../../ui/Badge';
import { formatDate, formatRelative, humanize } from '../../ui/format';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { OverviewQuery } from './overview.operations';
import { PipelineChart } from './PipelineChart';

/** The home page: the pipeline at a glance, my open tasks, the latest interactions; executives land on the dashboard. */
export default function OverviewPage() {
  const viewer = useViewer();
  const executive = viewer.role === 'EXECUTIVE';
  const [{ data, fetching, error }, refetch] = useQuery({ query: OverviewQuery, variables: { me: viewer.memberId }, pause: executive });
  if (executive) return <Navigate to="/dashboard" replace />;
  if (!data) {
    if (error) return <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
    return fetching ? <Loading label="Loading the overview" /> : null;
  }
  const total = data.stages.reduce((sum, stage) => sum + stage.accountCount, 0);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Overview</h1>
          <p className="page-subtitle">{viewer.workspace.name}</p>
        </div>
        <Link className="button" to="/dashboard">
          Open the dashboard
        </Link>
      </header>
      <div className="overview-grid">
        <section className="panel span-2" aria-labelledby="pipeline-chart-title">
          <h2 className="panel-title" id="pipeline-chart-title">
            Pipeline by stage <span className="count">{total} accounts</span>
          </h2>
          {total === 0 ? (
            <EmptyState title="No accounts in the pipeline yet." hint="Import accounts under Admin › Import, or ask an admin to." />
          ) : (
            <PipelineChart stages={data.stages} />
          )}
        </section>
        <section className="panel" aria-labelledby="my-tasks-title">
          <h2 className="panel-title" id="my-tasks-title">
            My open tasks <span className="count">{data.tasks.totalCount}</span>
          </h2>
          {data.tasks.totalCount === 0 && <p className="muted">Nothing to follow up. Tasks assigned to you appear here.</p>}
          <ul className="list">
            {data.tasks.edges.map(({ node }) => (
              <li key={node.id} className="list-row">
                <div>
                  <div>{node.title}</div>
                  {node.account && (
                    <Link className="small" to={`/accounts/${node.account.id}`}>
                      {node.account.name}
                    </Link>
                  )}
                </div>
                <span className={node.overdue ? 'small overdue' : 'muted small'}>{node.dueAt ? formatDate(node.dueAt) : '—'}</span>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel" aria-labelledby="recent-title">
          <h2 className="panel-title" id="recent-title">
            Latest interactions
          </h2>
          {data.interactions.edges.length === 0 && <p className="muted">None logged yet: press L to log the first one.</p>}
          <ul className="list">
            {data.interactions.edges.map(({ node }) => (
              <li key={node.id} className="list-row">
                <div className="truncate">
                  <strong>{humanize(node.kind)}</strong>{' '}
                  {node.accounts.map((account, index) => (
                    <span key={account.id}>
                      {index > 0 && ', '}
                      <Link to={`/accounts/${account.id}#timeline`}>{account.name}</Link>
                    </span>
                  ))}
                  <div className="muted small truncate">{node.summary}</div>
                </div>
                <div className="align-right">
                  <SentimentBadge sentiment={node.sentiment} />
                  <div className="muted small">{formatRelative(node.occurredAt)}</div>
                </div>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
