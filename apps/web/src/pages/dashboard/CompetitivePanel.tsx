import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useQuery } from 'urql';
import { EmptyState } from '../../ui/States';
import { AXIS_TICK, GRID_STROKE, SERIES_COLORS } from './chart-style';
import type { DashboardParams } from './dashboard-params';
import { DashboardCompetitiveQuery } from './dashboard.operations';
import { DashboardPanel } from './DashboardPanel';
import type { OpenDrillDown } from './drill-down';

/** Rival vendors the accounts are evaluating, by the accounts' stage. */
export function CompetitivePanel({ params, onDrill }: { params: DashboardParams; onDrill: OpenDrillDown }) {
  const [result, refetch] = useQuery({
    query: DashboardCompetitiveQuery,
    variables: { filter: params.filter },
    requestPolicy: 'cache-and-network',
  });
  const drill = (vendor: string, stage: { id: string; name: string }, count: number) =>
    onDrill({
      kind: 'competitor',
      vendor,
      stageId: stage.id,
      filter: params.filter,
      title: `${vendor}: ${count} in ${stage.name}`,
    });
  return (
    <DashboardPanel
      figure="competitive"
      wide
      title="Competitive view"
      result={result}
      retry={() => refetch({ requestPolicy: 'network-only' })}
    >
      {({ competitiveView }) => {
        if (competitiveView.length === 0)
          return <EmptyState title="No account is evaluating a rival vendor." />;
        const stages = new Map<string, { id: string; name: string; position: number }>();
        for (const vendor of competitiveView)
          for (const entry of vendor.byStage) stages.set(entry.stage.id, entry.stage);
        const stageOrder = [...stages.values()].sort((a, b) => a.position - b.position);
        const rows = competitiveView.map((vendor) => ({
          vendor: vendor.vendor,
          ...Object.fromEntries(vendor.byStage.map((entry) => [entry.stage.id, entry.accountCount])),
        }));
        return (
          <div className="figure-with-table">
            <figure className="chart" aria-label="Accounts evaluating each vendor, by stage">
              <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 34 + 60)}>
                <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
                  <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
                  <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} tickLine={false} />
                  <YAxis
                    type="category"
                    dataKey="vendor"
                    tick={AXIS_TICK}
                    width={110}
                    tickLine={false}
                    axisLine={false}
                  />
                  <Tooltip cursor={{ fill: '#f3f4f6' }} />
                  <Legend wrapperStyle={{ fontSize: 12 }} />
                  {stageOrder.map((stage, index) => (
                    <Bar
                      key={stage.id}
                      name={stage.name}
                      dataKey={stage.id}
                      stackId="stage"
                      fill={SERIES_COLORS[index % SERIES_COLORS.length]}
                      isAnimationActive={false}
                      cursor="pointer"
                      onClick={(bar) => drill(bar.payload.vendor, stage, bar.payload[stage.id] ?? 0)}
                    />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </figure>
            <table className="table table-compact">
              <caption className="visually-hidden">Accounts evaluating each vendor, by stage</caption>
              <thead>
                <tr>
                  <th scope="col">Vendor</th>
                  <th scope="col" className="numeric">
                    Accounts
                  </th>
                  <th scope="col">By stage</th>
                </tr>
              </thead>
              <tbody>
                {competitiveView.map((vendor) => (
                  <tr key={vendor.vendor}>
                    <th scope="row">{vendor.vendor}</th>
                    <td className="numeric">{vendor.accountCount}</td>
                    <td>
                      <div className="chips">
                        {vendor.byStage.map((entry) => (
                          <button
                            key={entry.stage.id}
                            type="button"
                            className="chip chip-button"
                            onClick={() => drill(vendor.vendor, entry.stage, entry.accountCount)}
                          >
                            {entry.stage.name} {entry.accountCount}
                          </button>
                        ))}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      }}
    </DashboardPanel>
  );
}
