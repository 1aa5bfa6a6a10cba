import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { PilotStatusBadge } from '../../ui/Badge';
import { formatDay } from '../../ui/format';
import { Meter } from '../../ui/Meter';
import { ErrorState, Loading } from '../../ui/States';
import { CreatePilotDialog } from '../pilots/CreatePilotDialog';
import { COMPARATOR_LABELS, daysLeftText, formatMetric, METRIC_LABELS } from '../pilots/pilot-options';
import { AccountPilotsQuery } from './pilots-health.operations';

/** The account's pilots with each criterion's progress; a new pilot starts here. */
export function PilotsSection({
  account,
  canEdit,
}: {
  account: { id: string; name: string };
  canEdit: boolean;
}) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: AccountPilotsQuery,
    variables: { id: account.id },
    requestPolicy: 'cache-and-network',
  });
  const [creating, setCreating] = useState(false);
  const pilots = data?.account.pilots ?? [];
  return (
    <section className="panel" aria-labelledby="pilots-title">
      <div className="panel-head">
        <h2 className="panel-title" id="pilots-title">
          Pilots {data && <span className="count">{pilots.length}</span>}
        </h2>
        {canEdit && (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            New pilot
          </button>
        )}
      </div>
      {!data && fetching && <Loading label="Loading pilots" />}
      {!data && error && (
        <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      )}
      {data && pilots.length === 0 && <p className="muted">No pilot with this account yet.</p>}
      <ul className="list">
        {pilots.map((pilot) => (
          <li key={pilot.id} className="pilot-summary">
            <div className="timeline-head">
              <Link to={`/pilots/${pilot.id}`}>{pilot.name}</Link>
              <PilotStatusBadge status={pilot.status} />
            </div>
            <div className="muted small">
              {formatDay(pilot.startDate)} – {formatDay(pilot.endDate)}
              {pilot.status === 'ACTIVE' && ` · ${daysLeftText(pilot.daysLeft)}`}
            </div>
            <ul className="criteria-compact">
              {pilot.criteria.map((criterion) => {
                const name =
                  criterion.metric === 'MANUAL'
                    ? (criterion.label ?? 'Sign-off')
                    : (criterion.label ?? METRIC_LABELS[criterion.metric]);
                return (
                  <li key={criterion.id}>
                    <span className="small truncate">
                      {name}
                      {criterion.metric !== 'MANUAL' && (
                        <span className="muted">
                          {' '}
                          {formatMetric(criterion.metric, criterion.currentValue)} /{' '}
                          {COMPARATOR_LABELS[criterion.comparator!]}{' '}
                          {formatMetric(criterion.metric, criterion.target)}
                        </span>
                      )}
                    </span>
                    <Meter
                      value={criterion.progress}
                      label={`${pilot.name}: ${name}`}
                      tone={criterion.met ? 'green' : 'blue'}
                    />
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
      {pilots.length > 0 && (
        <Link
          className="small"
          to={`/pilots?account=${account.id}&accountName=${encodeURIComponent(account.name)}`}
        >
          All pilots of {account.name}, archived ones aside
        </Link>
      )}
      {creating && <CreatePilotDialog account={account} onClose={() => setCreating(false)} />}
    </section>
  );
}
