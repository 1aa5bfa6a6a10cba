import { lazy, Suspense, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ErrorState, Loading } from '../../ui/States';
import { AccountUsageQuery } from './usage.operations';

const UsageChart = lazy(() => import('./UsageChart'));
const PERIODS = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: 'A year' },
];

const usd = (value: number) => value.toLocaleString(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** Generator usage attributed to the account over 30 days, 90 days or a year, by day, by model and by user. */
export function UsageSection({ accountId }: { accountId: string }) {
  const [days, setDays] = useState(30);
  const window = useMemo(() => {
    const to = new Date();
    const from = new Date(to.getTime() - (days - 1) * 86_400_000);
    return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
  }, [days]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: AccountUsageQuery, variables: { accountId, ...window } });
  const daily = data?.usageSummary.daily ?? [];
  const summary = data?.usageSummary.totals;
  const totals = { generations: summary?.generations ?? 0, seconds: summary?.videoSeconds ?? 0, cost: summary?.costUsd ?? 0 };
  return (
    <section className="panel" aria-labelledby="usage-title">
      <h2 className="panel-title" id="usage-title">
        Usage
      </h2>
      <div className="segmented" role="group" aria-label="Usage period">
        {PERIODS.map((period) => (
          <button
            key={period.days}
            type="button"
            className={period.days === days ? 'segment selected' : 'segment'}
            aria-pressed={period.days === days}
            onClick={() => setDays(period.days)}
          >
            {period.label}
          </button>
        ))}
      </div>
      {!data && fetching && <Loading label="Loading usage" />}
      {!data && error && <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      {data && totals.generations === 0 && (
        <p className="muted">
          No generator usage attributed in the last {days} days. Unmatched usage can be linked to this account from the Unmatched usage page.
        </p>
      )}
      {data && totals.generations > 0 && (
        <>
          <dl className="facts">
            <div>
              <dt>Generations</dt>
              <dd>{totals.generations.toLocaleString()}</dd>
            </div>
            <div>
              <dt>Video</dt>
              <dd>{Math.round(totals.seconds / 60).toLocaleString()} min</dd>
            </div>
            <div>
              <dt>Spend</dt>
              <dd>{usd(totals.cost)}</dd>
            </div>
            <div>
              <dt>Active users</dt>
              <dd>{summary?.activeUsers ?? 0}</dd>
            </div>
          </dl>
          <Suspense fallback={<Loading label="Drawing the chart" />}>
            <UsageChart daily={daily} />
          </Suspense>
          <table className="table table-compact">
            <caption>By model</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="numeric">
                  Generations
                </th>
                <th scope="col" className="numeric">
                  Spend
                </th>
                <th scope="col" className="numeric">
                  Users
                </th>
              </tr>
            </thead>
            <tbody>
              {data.usageSummary.byModel.map((model) => (
                <tr key={model.model ?? 'none'}>
                  <th scope="row">{model.model ?? 'No model named'}</th>
                  <td className="numeric">{model.generations.toLocaleString()}</td>
                  <td className="numeric">{usd(model.costUsd)}</td>
                  <td className="numeric">{model.activeUsers}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="table table-compact">
            <caption>
              By user
              {(summary?.activeUsers ?? 0) > data.usageSummary.byUser.length &&
                ` (the ${data.usageSummary.byUser.length} most active of ${summary?.activeUsers})`}
            </caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col" className="numeric">
                  Events
                </th>
                <th scope="col" className="numeric">
                  Spend (est.)
                </th>
                <th scope="col">Models</th>
              </tr>
            </thead>
            <tbody>
              {data.usageSummary.byUser.map((user) => (
                <tr key={user.userEmail}>
                  <th scope="row">
                    {user.contact ? (
                      <Link to={`/contacts/${user.contact.id}`}>{user.contact.name}</Link>
                    ) : (
                      user.userEmail
                    )}
                    {user.contact && <span className="muted small"> {user.userEmail}</span>}
                  </th>
                  <td className="numeric">{user.events.toLocaleString()}</td>
                  <td className="numeric">{usd(user.costUsd)}</td>
                  <td>{user.models.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.usageSummary.byUser.length === 0 && (
            <p className="muted">No event in this period named its user.</p>
          )}
        </>
      )}
    </section>
  );
}
