import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import type { PilotFilter, PilotStatus } from '../../gql/graphql';
import { PilotStatusBadge } from '../../ui/Badge';
import { formatDay, formatUsd } from '../../ui/format';
import { Meter } from '../../ui/Meter';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { isoDay } from '../dashboard/dashboard-params';
import { daysLeftText } from './pilot-options';
import { PilotsFilters } from './PilotsFilters';
import { PilotsListQuery } from './pilots.operations';

const ENDING_SOON_DAYS = 14;

function filterFrom(params: URLSearchParams): PilotFilter {
  const status = params.get('status');
  const now = new Date();
  return {
    ...(status ? { statuses: [status as PilotStatus] } : {}),
    ...(params.get('owner') ? { ownerId: params.get('owner') } : {}),
    ...(params.get('account') ? { accountId: params.get('account') } : {}),
    ...(params.get('q') ? { text: params.get('q') } : {}),
    ...(params.get('endingSoon')
      ? {
          endingAfter: isoDay(now),
          endingBefore: isoDay(new Date(now.getTime() + ENDING_SOON_DAYS * 86_400_000)),
        }
      : {}),
  };
}

/** Every pilot, soonest ending first, filtered by status, owner, account and end date. */
export default function PilotsPage() {
  const [params] = useSearchParams();
  const filter = filterFrom(params);
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PilotsListQuery,
    variables: { filter, after },
    requestPolicy: 'cache-and-network',
  });
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Pilots</h1>
          <p className="page-subtitle">
            Time-boxed integrations with their success criteria and credit. New pilots are created from an
            account's page.
          </p>
        </div>
      </header>
      <PilotsFilters endingSoonDays={ENDING_SOON_DAYS} onChange={() => setAfter(null)} />
      {!data && error && (
        <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      )}
      {!data && !error && fetching && <Loading label="Loading pilots" />}
      {data && data.pilots.totalCount === 0 && <EmptyState title="No pilot matches these filters." />}
      {data && data.pilots.totalCount > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Pilots, soonest ending first</caption>
            <thead>
              <tr>
                <th scope="col">Pilot</th>
                <th scope="col">Status</th>
                <th scope="col">Dates</th>
                <th scope="col">Criteria met</th>
                <th scope="col">Budget spent</th>
                <th scope="col">Owner</th>
              </tr>
            </thead>
            <tbody>
              {data.pilots.edges.map(({ node }) => (
                <tr key={node.id} data-pilot={node.name}>
                  <td>
                    <Link to={`/pilots/${node.id}`}>{node.name}</Link>
                    <div className="small">
                      <Link to={`/accounts/${node.account.id}`}>{node.account.name}</Link>
                    </div>
                  </td>
                  <td>
                    <PilotStatusBadge status={node.status} />
                  </td>
                  <td className="small">
                    {formatDay(node.startDate)} – {formatDay(node.endDate)}
                    {node.status === 'ACTIVE' && (
                      <div className={node.daysLeft <= 7 ? 'overdue' : 'muted'}>
                        {daysLeftText(node.daysLeft)}
                      </div>
                    )}
                  </td>
                  <td>
                    <div className="meter-row">
                      <Meter
                        value={node.criteriaTotal ? node.criteriaMet / node.criteriaTotal : 0}
                        label={`Criteria met for ${node.name}`}
                      />
                      <span>
                        {node.criteriaMet}/{node.criteriaTotal}
                      </span>
                    </div>
                  </td>
                  <td>
                    <div className="meter-row">
                      <Meter
                        value={node.budget.spentShare}
                        label={`Budget spent for ${node.name}`}
                        tone={node.riskReasons.includes('BUDGET_NEARLY_SPENT') ? 'red' : 'blue'}
                      />
                      <span className="small">
                        {formatUsd(node.budget.spentUsd)} / {formatUsd(node.budget.creditUsd)}
                      </span>
                    </div>
                  </td>
                  <td>{node.owner?.user.name ?? <span className="muted">nobody</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="table-footer">
            <span className="muted">
              {data.pilots.edges.length} of {data.pilots.totalCount}
            </span>
            {after && (
              <button type="button" className="button" onClick={() => setAfter(null)}>
                First page
              </button>
            )}
            {data.pilots.pageInfo.hasNextPage && (
              <button
                type="button"
                className="button"
                onClick={() => setAfter(data.pilots.pageInfo.endCursor ?? null)}
              >
                Next page
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
