import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useQuery } from 'urql';
import { formatDay, formatMoney } from '../../ui/format';
import { AXIS_TICK, GRID_STROKE, STAGE_CATEGORY_COLORS } from './chart-style';
import { type DashboardParams, endOfDay, today } from './dashboard-params';
import { DashboardPipelineQuery } from './dashboard.operations';
import { DashboardPanel } from './DashboardPanel';
import type { OpenDrillDown } from './drill-down';

/** Accounts and expected value per stage, now or as of a past day. */
export function PipelinePanel({ params, onDrill }: { params: DashboardParams; onDrill: OpenDrillDown }) {
  const at = params.asOf ? endOfDay(params.asOf) : null;
  const [result, refetch] = useQuery({
    query: DashboardPipelineQuery,
    variables: { at, filter: params.filter },
    requestPolicy: 'cache-and-network',
  });
  const drill = (stage: { id: string; name: string }, count: number) =>
    onDrill({
      kind: 'pipeline',
      stageId: stage.id,
      at,
      filter: params.filter,
      title: `${stage.name}: ${count} ${count === 1 ? 'account' : 'accounts'}${params.asOf ? ` on ${formatDay(params.asOf)}` : ''}`,
    });
  return (
    <DashboardPanel
      figure="pipeline"
      wide
      title={
        <>
          Pipeline by stage{' '}
          {result.data && <span className="count">{result.data.pipeline.accountCount} accounts</span>}
        </>
      }
      actions={
        <label className="field field-inline">
          <span>As of</span>
          <input
            type="date"
            max={today()}
            value={params.asOf ?? today()}
            onChange={(event) =>
              params.set({ asOf: event.target.value < today() ? event.target.value : null })
            }
          />
        </label>
      }
      result={result}
      retry={() => refetch({ requestPolicy: 'network-only' })}
    >
      {({ pipeline }) => {
        const rows = pipeline.stages.map((entry) => ({
          ...entry.stage,
          accountCount: entry.accountCount,
          value: entry.expectedAnnualValue,
        }));
        return (
          <div className="figure-with-table">
            <figure className="chart" aria-label="Accounts per stage">
              <ResponsiveContainer width="100%" height={240}>
                <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                  <CartesianGrid vertical={false} stroke={GRID_STROKE} />
                  <XAxis
                    dataKey="name"
                    tick={AXIS_TICK}
                    interval={0}
                    tickLine={false}
                    angle={-35}
                    textAnchor="end"
                    height={64}
                  />
                  <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} />
                  <Tooltip cursor={{ fill: '#f3f4f6' }} formatter={(value) => [value, 'Accounts']} />
                  <Bar
                    dataKey="accountCount"
                    radius={[3, 3, 0, 0]}
                    isAnimationActive={false}
                    cursor="pointer"
                    onClick={(bar) => drill(bar.payload, bar.payload.accountCount)}
                  >
                    {rows.map((row) => (
                      <Cell key={row.id} fill={STAGE_CATEGORY_COLORS[row.category] ?? '#6b7280'} />
                    ))}
                  </Bar>
                </BarChart>
              </ResponsiveContainer>
            </figure>
            <div className="table-scroll">
              <table className="table table-compact">
                <caption className="visually-hidden">Accounts and expected annual value per stage</caption>
                <thead>
                  <tr>
                    <th scope="col">Stage</th>
                    <th scope="col" className="numeric">
                      Accounts
                    </th>
                    <th scope="col" className="numeric">
                      Expected value
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.id} data-stage={row.name}>
                      <th scope="row">{row.name}</th>
                      <td className="numeric">
                        <button
                          type="button"
                          className="link-button"
                          data-count={row.accountCount}
                          aria-label={`${row.accountCount} accounts in ${row.name}`}
                          onClick={() => drill(row, row.accountCount)}
                        >
                          {row.accountCount}
                        </button>
                      </td>
                      <td className="numeric">
                        {row.value.map((amount) => formatMoney(amount.amount, amount.currency)).join(' + ') ||
                          '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      }}
    </DashboardPanel>
  );
}
