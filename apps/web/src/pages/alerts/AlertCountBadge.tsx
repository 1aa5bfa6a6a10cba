import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { useQuery } from 'urql';
import { OpenAlertCountQuery } from './alerts.operations';

/** The number of open alerts next to the Alerts link, re-read on every navigation. */
export function AlertCountBadge() {
  const { pathname } = useLocation();
  const [{ data }, refetch] = useQuery({ query: OpenAlertCountQuery, requestPolicy: 'cache-and-network' });
  useEffect(() => {
    refetch({ requestPolicy: 'network-only' });
  }, [pathname, refetch]);
  const count = data?.alerts.totalCount ?? 0;
  if (count === 0) return null;
  return (
    <span className="nav-badge" data-testid="open-alert-count">
      {count}
      <span className="visually-hidden"> open</span>
    </span>
  );
}
