import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useQuery } from 'urql';
import { formatDuration, formatShare } from '../../ui/format';
import { Meter } from '../../ui/Meter';
import { AXIS_TICK, GRID_STROKE } from './chart-style';
import type { DashboardParams } from './dashboard-params';
import { DashboardFunnelQuery } from './dashboard.operations';
import { DashboardPanel } from './DashboardPanel';
import type { OpenDrillDown } from './drill-down';

/** Of the accounts entering each stage in the period, how many went on to the next; time spent in each stage. */
export function FunnelPanel({ params, onDrill }: { params: DashboardParams; onDrill: OpenDrillDown }) {
  const [result, refetch] = useQuery({
    query: DashboardFunnelQuery,
    variables: { period: params.period, filter: params.filter },
    requestPolicy: 'cache-and-network',
  });
  const drill = (stage: { id: string; name: string }, converted: boolean, count: number) =>
    onDrill({
      kind: 'funnel',
      stageId: stage.id,
      converted,
      period: params.period,
      filter: params.filter,
      title: `${stage.name}: ${count} ${converted ? 'went on to the next stage' : 'entered'}`,
    });
  return (
    <DashboardPanel
      figure="funnel"
      wide
      title="Funnel conversion and time in stage"
      result={result}
      retry={() => refetch({ requestPolicy: 'network-only' })}
    >
      {({ funnel }) => {
        const steps = funnel.steps.map((step) => ({ ...step, id: step.stage.id, name: step.stage.name }));
        return (
          <div className="figure-with-table">
            <figure className="chart" aria-label="Accounts entering each stage and going on to the next">
              <ResponsiveContainer width="100%" height={240}>
                <BarChart data={steps} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
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
                  <Tooltip cursor={{ fill: '#f3f4f6' }} />
                  <Legend wrapperStyle={{ fontSize: 12 }} />
                  <Bar
                    name="Entered"
                    dataKey="entered"
                    fill="#93c5fd"
                    isAnimationActive={false}
                    cursor="pointer"
                    onClick={(bar) => drill(bar.payload, false, bar.payload.entered)}
                  />
                  <Bar
                    name="Went on"
                    dataKey="converted"
                    fill="#1d4ed8"
                    isAnimationActive={false}
                    cursor="pointer"
                    onClick={(bar) => drill(bar.payload, true, bar.payload.converted ?? 0)}
                  />
                </BarChart>
              </ResponsiveContainer>
            </figure>
            <div className="table-scroll">
              <table className="table table-compact">
                <caption className="visually-hidden">Conversion and time in stage</caption>
                <thead>
                  <tr>
                    <th scope="col">Stage</th>
                    <th scope="col" className="numeric">
                      Entered
                    </th>
                    <th scope="col" className="numeric">
                      Went on
                    </th>
                    <th scope="col">Conversion</th>
                    <th scope="col" className="numeric">
                      Median stay
                    </th>
                    <th scope="col" className="numeric">
                      Still there
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {steps.map((step) => {
                    const stay = funnel.timeInStage.find((entry) => entry.stage.id === step.id);
                    return (
                      <tr key={step.id}>
                        <th scope="row">{step.name}</th>
                        <td className="numeric">
                          <button
                            type="button"
                            className="link-button"
                            aria-label={`${step.entered} entered ${step.name}`}
                            onClick={() => drill(step, false, step.entered)}
                          >
                            {step.entered}
                          </button>
                        </td>
                        <td className="numeric">
                          {step.converted == null ? (
                            '—'
                          ) : (
                            <button
                              type="button"
                              className="link-button"
                              aria-label={`${step.converted} went on from ${step.name}`}
                              onClick={() => drill(step, true, step.converted ?? 0)}
                            >
                              {step.converted}
                            </button>
                          )}
                        </td>
                        <td>
                          {step.conversionRate == null ? (
                            <span className="muted">—</span>
                          ) : (
                            <div className="meter-row">
                              <Meter
                                value={step.conversionRate}
                                label={`Conversion from ${step.name}`}
                                tone="blue"
                              />
                              <span>{formatShare(step.conversionRate)}</span>
                            </div>
                          )}
                        </td>
                        <td
                          className="numeric"
                          title={
                            stay?.p75Seconds != null
                              ? `75th percentile ${formatDuration(stay.p75Seconds)}`
                              : undefined
                          }
                        >
                          {formatDuration(stay?.medianSeconds)}
                        </td>
                        <td className="numeric">{stay?.openStays ?? 0}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        );
      }}
    </DashboardPanel>
  );
}
