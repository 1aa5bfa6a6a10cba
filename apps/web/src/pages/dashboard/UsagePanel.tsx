import { Link } from 'react-router';
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useQuery } from 'urql';
import { formatShare, formatUsd } from '../../ui/format';
import { EmptyState } from '../../ui/States';
import { AXIS_TICK, GRID_STROKE } from './chart-style';
import type { DashboardParams } from './dashboard-params';
import { DashboardUsageQuery } from './dashboard.operations';
import { DashboardPanel } from './DashboardPanel';

const DAY_MS = 86_400_000;

/** Generator usage: totals over time, the accounts using it most, the biggest movers, what no account claims. */
export function UsagePanel({ params }: { params: DashboardParams }) {
  const days = (Date.parse(params.period.to) - Date.parse(params.period.from)) / DAY_MS + 1;
  const granularity = days > 92 ? 'WEEK' : 'DAY';
  const [result, refetch] = useQuery({
    query: DashboardUsageQuery,
    variables: { period: params.period, filter: params.filter, granularity },
    requestPolicy: 'cache-and-network',
  });
  const filtered = Object.keys(params.filter).length > 0;
  return (
    <DashboardPanel
      figure="usage"
      wide
      title="Generator usage"
      result={result}
      retry={() => refetch({ requestPolicy: 'network-only' })}
    >
      {({ usageDashboard: usage }) => {
        const series = usage.series.map((bucket) => ({
          start: bucket.start,
          workspace: bucket.workspace.generations,
          accounts: bucket.accounts.generations,
        }));
        return (
          <>
            <dl className="facts">
              <div>
                <dt>Generations</dt>
                <dd>{usage.workspace.generations.toLocaleString()}</dd>
              </div>
              <div>
                <dt>Video</dt>
                <dd>{Math.round(usage.workspace.videoSeconds / 60).toLocaleString()} min</dd>
              </div>
              <div>
                <dt>Spend</dt>
                <dd>{formatUsd(usage.workspace.costUsd)}</dd>
              </div>
              <div>
                <dt>Active users</dt>
                <dd>{usage.workspace.activeUsers.toLocaleString()}</dd>
              </div>
              <div>
                <dt>Unattributed</dt>
                <dd>
                  {usage.unattributed.eventsShare == null ? (
                    '—'
                  ) : (
                    <Link to="/identities">{formatShare(usage.unattributed.eventsShare)} of events</Link>
                  )}
                </dd>
              </div>
            </dl>
            {usage.workspace.events === 0 ? (
              <EmptyState
                title="No generator usage in this period."
                hint="Usage arrives from the generator through an API key (Admin › API keys)."
              />
            ) : (
              <div className="figure-with-table">
                <figure
                  className="chart"
                  aria-label={`Generations per ${granularity === 'WEEK' ? 'week' : 'day'}`}
                >
                  <ResponsiveContainer width="100%" height={220}>
                    <AreaChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
                      <CartesianGrid vertical={false} stroke={GRID_STROKE} />
                      <XAxis
                        dataKey="start"
                        tick={AXIS_TICK}
                        tickFormatter={(day: string) => day.slice(5)}
                        minTickGap={24}
                        tickLine={false}
                      />
                      <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} />
                      <Tooltip />
                      <Legend wrapperStyle={{ fontSize: 12 }} />
                      <Area
                        name="Workspace"
                        dataKey="workspace"
                        type="monotone"
                        stroke="#0f7b5f"
                        fill="#cdeee2"
                        isAnimationActive={false}
                      />
                      {filtered && (
                        <Area
                          name="Filtered accounts"
                          dataKey="accounts"
                          type="monotone"
                          stroke="#1d4ed8"
                          fill="#dbeafe"
                          isAnimationActive={false}
                        />
                      )}
                    </AreaChart>
                  </ResponsiveContainer>
                </figure>
                <div className="two-columns">
                  <AccountUsageTable
                    caption="Top accounts"
                    rows={usage.topAccounts.map((entry) => ({
                      account: entry.account,
                      value: entry.current.generations.toLocaleString(),
                      detail: formatUsd(entry.current.costUsd),
                    }))}
                    headings={['Generations', 'Spend']}
                  />
                  <AccountUsageTable
                    caption={
                      noEarlierUsage(usage.movers)
                        ? `Biggest movers: no usage from ${usage.previousFrom} to ${usage.previousTo} to compare with, so each change counts from zero`
                        : `Biggest movers vs ${usage.previousFrom} – ${usage.previousTo}`
                    }
                    rows={usage.movers.map((entry) => ({
                      account: entry.account,
                      value: `${entry.change > 0 ? '+' : ''}${entry.change.toLocaleString()}`,
                      detail:
                        entry.changeRatio == null
                          ? noEarlierUsage(usage.movers)
                            ? '—'
                            : 'new'
                          : `${entry.changeRatio > 0 ? '+' : ''}${formatShare(entry.changeRatio)}`,
                      tone: entry.change < 0 ? 'down' : 'up',
                    }))}
                    headings={['Change', '%']}
                  />
                </div>
              </div>
            )}
          </>
        );
      }}
    </DashboardPanel>
  );
}

/** True when no mover had usage in the earlier period: said once in the caption, not on every row. */
function noEarlierUsage(movers: { changeRatio?: number | null }[]): boolean {
  return movers.length > 0 && movers.every((entry) => entry.changeRatio == null);
}

interface UsageRow {
  account: { id: string; name: string };
  value: string;
  detail: string;
  tone?: 'up' | 'down';
}

function AccountUsageTable({
  caption,
  rows,
  headings,
}: {
  caption: string;
  rows: UsageRow[];
  headings: [string, string];
}) {
  return (
    <table className="table table-compact">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col" className="numeric">
            {headings[0]}
          </th>
          <th scope="col" className="numeric">
            {headings[1]}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={3} className="muted">
              None
            </td>
          </tr>
        )}
        {rows.map((row) => (
          <tr key={row.account.id}>
            <td>
              <Link to={`/accounts/${row.account.id}`}>{row.account.name}</Link>
            </td>
            <td className={row.tone ? `numeric trend-${row.tone}` : 'numeric'}>{row.value}</td>
            <td className="numeric">{row.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
