import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useQuery } from 'urql';
import { formatRelative, humanize } from '../../ui/format';
import { EmptyState } from '../../ui/States';
import { AXIS_TICK, GRID_STROKE, SERIES_COLORS } from './chart-style';
import type { DashboardParams } from './dashboard-params';
import { DashboardTeamQuery } from './dashboard.operations';
import { DashboardPanel } from './DashboardPanel';

/** Interactions per member over the period, by kind, and overdue tasks now. */
export function TeamPanel({ params }: { params: DashboardParams }) {
  const [result, refetch] = useQuery({
    query: DashboardTeamQuery,
    variables: { period: params.period, filter: params.filter },
    requestPolicy: 'cache-and-network',
  });
  return (
    <DashboardPanel
      figure="team"
      title="Team activity"
      result={result}
      retry={() => refetch({ requestPolicy: 'network-only' })}
    >
      {({ teamActivity }) => {
        const kinds = [...new Set(teamActivity.interactions.map((entry) => entry.kind))].sort();
        const names = new Map(teamActivity.members.map((member) => [member.id, member.user.name]));
        const byMember = new Map<string, Record<string, number | string>>();
        for (const entry of teamActivity.interactions) {
          const row = byMember.get(entry.memberId) ?? { name: names.get(entry.memberId) ?? 'Former member' };
          row[entry.kind] = ((row[entry.kind] as number | undefined) ?? 0) + entry.count;
          byMember.set(entry.memberId, row);
        }
        const rows = [...byMember.values()];
        return (
          <>
            {rows.length === 0 ? (
              <EmptyState title="No interaction logged in this period." />
            ) : (
              <figure className="chart" aria-label="Interactions per member by kind">
                <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 34 + 60)}>
                  <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
                    <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
                    <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} tickLine={false} />
                    <YAxis
                      type="category"
                      dataKey="name"
                      tick={AXIS_TICK}
                      width={120}
                      tickLine={false}
                      axisLine={false}
                    />
                    <Tooltip cursor={{ fill: '#f3f4f6' }} />
                    <Legend wrapperStyle={{ fontSize: 12 }} />
                    {kinds.map((kind, index) => (
                      <Bar
                        key={kind}
                        name={humanize(kind)}
                        dataKey={kind}
                        stackId="kind"
                        fill={SERIES_COLORS[index % SERIES_COLORS.length]}
                        isAnimationActive={false}
                      />
                    ))}
                  </BarChart>
                </ResponsiveContainer>
                <figcaption className="visually-hidden">
                  {rows
                    .map(
                      (row) =>
                        `${row.name}: ${kinds.map((kind) => `${row[kind] ?? 0} ${humanize(kind).toLowerCase()}`).join(', ')}`,
                    )
                    .join('; ')}
                </figcaption>
              </figure>
            )}
            <h3 className="panel-subtitle">Overdue tasks now</h3>
            {teamActivity.overdueTasks.length === 0 && <p className="muted">None overdue.</p>}
            <ul className="list">
              {teamActivity.overdueTasks.map((entry) => (
                <li key={entry.assigneeId ?? 'unassigned'} className="list-row">
                  <span>{entry.assignee?.user.name ?? 'Unassigned'}</span>
                  <span className="small">
                    <strong className="overdue">{entry.count}</strong>{' '}
                    <span className="muted">oldest due {formatRelative(entry.oldestDueAt)}</span>
                  </span>
                </li>
              ))}
            </ul>
          </>
        );
      }}
    </DashboardPanel>
  );
}
