import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useQuery } from 'urql';
import { Badge } from '../../ui/Badge';
import { formatUsd } from '../../ui/format';
import { Meter } from '../../ui/Meter';
import { EmptyState } from '../../ui/States';
import { AXIS_TICK, GRID_STROKE } from './chart-style';
import type { DashboardParams } from './dashboard-params';
import { DashboardPilotsQuery } from './dashboard.operations';
import { DashboardPanel } from './DashboardPanel';

const RISK_LABELS: Record<string, string> = {
  BEHIND_CRITERIA: 'Behind on criteria',
  BUDGET_NEARLY_SPENT: 'Budget nearly spent',
};
const LISTED = 8;

/** Active pilots with how far they have come, and pilot outcomes per month. */
export function PilotsPanel({ params }: { params: DashboardParams }) {
  const [result, refetch] = useQuery({
    query: DashboardPilotsQuery,
    variables: { period: params.period, filter: params.filter },
    requestPolicy: 'cache-and-network',
  });
  return (
    <DashboardPanel
      figure="pilots"
      wide
      title={
        <>
          Active pilots{' '}
          {result.data && <span className="count">{result.data.pilotsDashboard.activePilots.length}</span>}
        </>
      }
      actions={<Link to="/pilots?status=ACTIVE">All active pilots</Link>}
      result={result}
      retry={() => refetch({ requestPolicy: 'network-only' })}
    >
      {({ pilotsDashboard: { activePilots, outcomes } }) => (
        <div className="figure-with-table figure-table-first">
          {activePilots.length === 0 ? (
            <EmptyState title="No active pilot." />
          ) : (
            <div className="table-scroll">
              <table className="table table-compact">
                <caption className="visually-hidden">Active pilots, at risk first</caption>
                <thead>
                  <tr>
                    <th scope="col">Pilot</th>
                    <th scope="col">Criteria met</th>
                    <th scope="col" className="numeric">
                      Days left
                    </th>
                    <th scope="col">Budget spent</th>
                    <th scope="col">Risk</th>
                  </tr>
                </thead>
                <tbody>
                  {activePilots.slice(0, LISTED).map((figure) => (
                    <tr key={figure.pilot.id}>
                      <td>
                        <Link to={`/pilots/${figure.pilot.id}`}>{figure.pilot.name}</Link>
                        <div className="small">
                          <Link to={`/accounts/${figure.pilot.account.id}`}>{figure.pilot.account.name}</Link>
                        </div>
                      </td>
                      <td>
                        <div className="meter-row">
                          <Meter
                            value={figure.criteriaMetShare ?? 0}
                            label={`Criteria met for ${figure.pilot.name}`}
                          />
                          <span>
                            {figure.criteriaMet}/{figure.criteriaTotal}
                          </span>
                        </div>
                      </td>
                      <td className="numeric">{figure.daysLeft}</td>
                      <td>
                        <div className="meter-row">
                          <Meter
                            value={figure.budget.spentShare}
                            label={`Budget spent for ${figure.pilot.name}`}
                            tone={figure.riskReasons.includes('BUDGET_NEARLY_SPENT') ? 'red' : 'blue'}
                          />
                          <span className="small">
                            {formatUsd(figure.budget.spentUsd)} / {formatUsd(figure.budget.creditUsd)}
                          </span>
                        </div>
                      </td>
                      <td>
                        {figure.atRisk ? (
                          figure.riskReasons.map((reason) => (
                            <Badge key={reason} tone="red">
                              {RISK_LABELS[reason] ?? reason}
                            </Badge>
                          ))
                        ) : (
                          <Badge tone="green">On track</Badge>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {activePilots.length > LISTED && (
                <p className="muted small">{activePilots.length - LISTED} more under All active pilots.</p>
              )}
            </div>
          )}
          <figure className="chart" aria-label="Pilot outcomes per month">
            <h3 className="panel-subtitle">Outcomes per month</h3>
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={outcomes} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid vertical={false} stroke={GRID_STROKE} />
                <XAxis dataKey="month" tick={AXIS_TICK} tickLine={false} minTickGap={8} />
                <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} />
                <Tooltip cursor={{ fill: '#f3f4f6' }} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar
                  name="Succeeded"
                  dataKey="succeeded"
                  stackId="outcome"
                  fill="#0f7b5f"
                  isAnimationActive={false}
                />
                <Bar
                  name="Converted"
                  dataKey="converted"
                  stackId="outcome"
                  fill="#2563eb"
                  isAnimationActive={false}
                />
                <Bar
                  name="Failed"
                  dataKey="failed"
                  stackId="outcome"
                  fill="#b91c1c"
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
            <figcaption className="visually-hidden">
              {outcomes
                .map(
                  (month) =>
                    `${month.month}: ${month.succeeded} succeeded, ${month.converted} converted, ${month.failed} failed`,
                )
                .join('; ')}
            </figcaption>
          </figure>
        </div>
      )}
    </DashboardPanel>
  );
}
