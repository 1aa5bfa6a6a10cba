import { lazy, Suspense, useMemo } from 'react';
import { useQuery } from 'urql';
import { ErrorState, Loading } from '../../ui/States';
import { AccountUsageQuery } from './usage.operations';

const UsageChart = lazy(() => import('./UsageChart'));
const DAYS = 30;

/** The last 30 days of generator usage attributed to the account. */
export function UsageSection({ accountId }: { accountId: string }) {
  const window = useMemo(() => {
    const to = new Date();
    const from = new Date(to.getTime() - (DAYS - 1) * 86_400_000);
    return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
  }, []);
  const [{ data, fetching, error }, refetch] = useQuery({ query: AccountUsageQuery, variables: { accountId, ...window } });
  const daily = data?.usageSummary.daily ?? [];
  const totals = daily.reduce(
    (sum, day) => ({ generations: sum.generations + day.generations, seconds: sum.seconds + day.videoSeconds, cost: sum.cost + day.costUsd }),
    { generations: 0, seconds: 0, cost: 0 },
  );
  return (
    <section className="panel" aria-labelledby="usage-title">
      <h2 className="panel-title" id="usage-title">
        Usage <span className="count">last {DAYS} days</span>
      </h2>
      {!data && fetching && <Loading label="Loading usage" />}
      {!data && error && <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      {data && totals.generations === 0 && (
        <p className="muted">
          No generator usage attributed in the last {DAYS} days. Unmatched usage can be linked to this account from the Unmatched usage page.
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
              <dd>{totals.cost.toLocaleString(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 })}</dd>
            </div>
          </dl>
          <Suspense fallback={<Loading label="Drawing the chart" />}>
            <UsageChart daily={daily} />
          </Suspense>
        </>
      )}
    </section>
  );
}
