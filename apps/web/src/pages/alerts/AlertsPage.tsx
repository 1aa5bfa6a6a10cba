import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import type { AlertKind, AlertStatus } from '../../gql/graphql';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { ALERT_KIND_LABELS, ALERT_KINDS } from './alert-kinds';
import { AlertRow } from './AlertRow';
import { AlertsListQuery } from './alerts.operations';

const STATUSES: { value: string; label: string }[] = [
  { value: '', label: 'Unresolved' },
  { value: 'OPEN', label: 'Open' },
  { value: 'ACKNOWLEDGED', label: 'Acknowledged' },
  { value: 'RESOLVED', label: 'Resolved' },
];

/** Alerts raised by the evaluation, newest first, filtered by status and kind; open ones can be acknowledged. */
export default function AlertsPage() {
  const viewer = useViewer();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') || null) as AlertStatus | null;
  const kind = (params.get('kind') || null) as AlertKind | null;
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: AlertsListQuery,
    variables: { status, kind, after },
    requestPolicy: 'cache-and-network',
  });

  function set(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setAfter(null);
    setParams(next, { replace: true });
  }

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Alerts</h1>
          <p className="page-subtitle">
            Raised every few minutes from usage, interactions and pilots. Acknowledge one once someone is on
            it: it is not raised again until its condition clears.
          </p>
        </div>
        <div className="filters" role="group" aria-label="Filters">
          <label className="field field-inline">
            <span>Status</span>
            <select value={status ?? ''} onChange={(event) => set('status', event.target.value)}>
              {STATUSES.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-inline">
            <span>Kind</span>
            <select value={kind ?? ''} onChange={(event) => set('kind', event.target.value)}>
              <option value="">All kinds</option>
              {ALERT_KINDS.map((value) => (
                <option key={value} value={value}>
                  {ALERT_KIND_LABELS[value]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      {!data && error && (
        <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      )}
      {!data && !error && fetching && <Loading label="Loading alerts" />}
      {data && data.alerts.totalCount === 0 && (
        <EmptyState
          title="No alert here."
          hint="Alerts appear when an account goes quiet, its usage drops, or a pilot runs out of time or budget."
        />
      )}
      {data && data.alerts.totalCount > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Alerts</caption>
            <thead>
              <tr>
                <th scope="col">Alert</th>
                <th scope="col">Account</th>
                <th scope="col">Raised</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.alerts.edges.map(({ node }) => (
                <AlertRow key={node.id} alert={node} canEdit={viewer.canEdit} />
              ))}
            </tbody>
          </table>
          <div className="table-footer">
            <span className="muted">
              {data.alerts.edges.length} of {data.alerts.totalCount}
            </span>
            {after && (
              <button type="button" className="button" onClick={() => setAfter(null)}>
                First page
              </button>
            )}
            {data.alerts.pageInfo.hasNextPage && (
              <button
                type="button"
                className="button"
                onClick={() => setAfter(data.alerts.pageInfo.endCursor ?? null)}
              >
                Next page
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
