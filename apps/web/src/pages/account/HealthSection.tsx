import { useQuery } from 'urql';
import { HealthBadge } from '../../ui/Badge';
import { ErrorState, Loading } from '../../ui/States';
import { AccountHealthQuery } from './pilots-health.operations';

/** The account's health score now, and the reasons behind it, largest impact first. */
export function HealthSection({ accountId }: { accountId: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: AccountHealthQuery,
    variables: { id: accountId },
    requestPolicy: 'cache-and-network',
  });
  const health = data?.account.health;
  return (
    <section className="panel" aria-labelledby="health-title">
      <h2 className="panel-title" id="health-title">
        Health {health && <HealthBadge level={health.level} score={health.score} />}
      </h2>
      {!data && fetching && <Loading label="Loading health" />}
      {!data && error && (
        <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      )}
      {health && (
        <>
          <div className="health-score" aria-hidden="true">
            <span
              className={`health-bar health-${health.level.toLowerCase()}`}
              style={{ width: `${health.score}%` }}
            />
          </div>
          <ul className="list">
            {health.reasons.map((reason) => (
              <li key={reason.code} className="list-row">
                <span>{reason.message}</span>
                <span className={reason.impact < 0 ? 'impact impact-down' : 'impact impact-up'}>
                  {reason.impact > 0 ? '+' : ''}
                  {reason.impact}
                </span>
              </li>
            ))}
          </ul>
          {health.reasons.length === 0 && (
            <p className="muted">Nothing moved the score from its starting point.</p>
          )}
        </>
      )}
    </section>
  );
}
