import { Link } from 'react-router';
import { useQuery } from 'urql';
import { HealthBadge } from '../../ui/Badge';
import { formatRelative, humanize } from '../../ui/format';
import { EmptyState } from '../../ui/States';
import type { DashboardParams } from './dashboard-params';
import { DashboardRiskQuery } from './dashboard.operations';
import { DashboardPanel } from './DashboardPanel';

/** Accounts whose stored health is lowest, with why, and the unresolved alerts by kind. */
export function RiskPanel({ params }: { params: DashboardParams }) {
  const [result, refetch] = useQuery({
    query: DashboardRiskQuery,
    variables: { filter: params.filter },
    requestPolicy: 'cache-and-network',
  });
  return (
    <DashboardPanel
      figure="risk"
      title={
        <>
          Accounts at risk{' '}
          {result.data && <span className="count">{result.data.riskDashboard.accountCount}</span>}
        </>
      }
      result={result}
      retry={() => refetch({ requestPolicy: 'network-only' })}
    >
      {({ riskDashboard: risk }) => (
        <>
          {risk.accounts.length === 0 ? (
            <EmptyState
              title={`No account scored under ${risk.threshold}.`}
              hint="Scores are stored by the alert evaluation every few minutes."
            />
          ) : (
            <ul className="list">
              {risk.accounts.map(({ account, health }) => (
                <li key={account.id} className="list-row">
                  <div>
                    <Link to={`/accounts/${account.id}`}>{account.name}</Link>
                    <ul className="reasons muted small">
                      {health.reasons
                        .filter((reason) => reason.impact < 0)
                        .slice(0, 2)
                        .map((reason) => (
                          <li key={reason.code}>{reason.message}</li>
                        ))}
                    </ul>
                  </div>
                  <div className="align-right">
                    <HealthBadge level={health.level} score={health.score} />
                    <div className="muted small">{formatRelative(health.computedAt)}</div>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <h3 className="panel-subtitle">Unresolved alerts by kind</h3>
          <table className="table table-compact">
            <caption className="visually-hidden">Unresolved alerts by kind</caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col" className="numeric">
                  Open
                </th>
                <th scope="col" className="numeric">
                  Acknowledged
                </th>
                <th scope="col" className="numeric">
                  Critical
                </th>
              </tr>
            </thead>
            <tbody>
              {risk.alertsByKind.map((entry) => (
                <tr key={entry.kind} data-alert-kind={entry.kind}>
                  <th scope="row">
                    <Link to={`/alerts?kind=${entry.kind}`}>{humanize(entry.kind)}</Link>
                  </th>
                  <td className="numeric">{entry.open}</td>
                  <td className="numeric">{entry.acknowledged}</td>
                  <td className={entry.critical > 0 ? 'numeric overdue' : 'numeric'}>{entry.critical}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </DashboardPanel>
  );
}
