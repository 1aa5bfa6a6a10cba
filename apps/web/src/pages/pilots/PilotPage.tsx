import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import { Badge, PilotStatusBadge } from '../../ui/Badge';
import { formatDay, formatUsd, humanize } from '../../ui/format';
import { Meter } from '../../ui/Meter';
import { ErrorState, Loading } from '../../ui/States';
import { ChangeStatusDialog } from './ChangeStatusDialog';
import { CriteriaSection } from './CriteriaSection';
import { daysLeftText } from './pilot-options';
import { PilotPageQuery } from './pilots.operations';
import { StatusHistory } from './StatusHistory';

/** One pilot: where it stands, its criteria measured from usage, its budget and its history. */
export default function PilotPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PilotPageQuery,
    variables: { id },
    requestPolicy: 'cache-and-network',
  });
  const [changingStatus, setChangingStatus] = useState(false);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  if (!data) {
    if (error) return <ErrorState error={error} retry={reload} />;
    return fetching ? <Loading label="Loading the pilot" /> : null;
  }
  const { pilot } = data;
  const canEdit = viewer.canEdit && !pilot.archivedAt;
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/pilots">Pilots</Link> /{' '}
        <Link to={`/accounts/${pilot.account.id}`}>{pilot.account.name}</Link> /{' '}
        <span aria-current="page">{pilot.name}</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>{pilot.name}</h1>
          <div className="header-facts">
            <PilotStatusBadge status={pilot.status} />
            <Badge>{humanize(pilot.integrationKind)}</Badge>
            <span className="muted">
              {formatDay(pilot.startDate)} – {formatDay(pilot.endDate)}
              {pilot.status === 'ACTIVE' && ` · ${daysLeftText(pilot.daysLeft)}`}
            </span>
            {pilot.archivedAt && <Badge tone="amber">Archived</Badge>}
          </div>
        </div>
        {canEdit && pilot.allowedNextStatuses.length > 0 && (
          <div className="header-actions">
            <button type="button" className="button" onClick={() => setChangingStatus(true)}>
              Change status
            </button>
          </div>
        )}
      </header>

      <dl className="facts">
        <div>
          <dt>Account</dt>
          <dd>
            <Link to={`/accounts/${pilot.account.id}`}>{pilot.account.name}</Link>
          </dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{pilot.owner?.user.name ?? 'nobody'}</dd>
        </div>
        <div>
          <dt>Time gone by</dt>
          <dd>{Math.round(pilot.elapsedShare * 100)}%</dd>
        </div>
        <div>
          <dt>Criteria met</dt>
          <dd>
            {pilot.criteriaMet} of {pilot.criteriaTotal}
          </dd>
        </div>
      </dl>

      <section className="panel budget-panel" aria-labelledby="budget-title">
        <h2 className="panel-title" id="budget-title">
          Budget
        </h2>
        <div className="budget-row">
          <Meter
            value={pilot.budget.spentShare}
            label="Credit spent"
            tone={
              pilot.budget.spentShare > 1 ? 'red' : pilot.riskReasons.includes('BUDGET_NEARLY_SPENT') ? 'amber' : 'blue'
            }
          />
          <span>
            <strong>{formatUsd(pilot.budget.spentUsd)}</strong> spent of {formatUsd(pilot.budget.creditUsd)}{' '}
            credit ·{' '}
            {pilot.budget.remainingUsd >= 0 ? (
              `${formatUsd(pilot.budget.remainingUsd)} left`
            ) : (
              <span className="overdue">{formatUsd(-pilot.budget.remainingUsd)} over</span>
            )}
          </span>
        </div>
        {pilot.notes && <p className="timeline-text">{pilot.notes}</p>}
      </section>

      <div className="account-grid pilot-grid">
        <CriteriaSection pilotId={pilot.id} criteria={pilot.criteria} canEdit={canEdit} onChanged={reload} />
        <StatusHistory history={pilot.statusHistory} />
      </div>
      {changingStatus && (
        <ChangeStatusDialog
          pilot={pilot}
          onClose={() => setChangingStatus(false)}
          onChanged={() => {
            setChangingStatus(false);
            reload();
          }}
        />
      )}
    </div>
  );
}
