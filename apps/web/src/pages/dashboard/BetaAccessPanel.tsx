import { Link } from 'react-router';
import { useQuery } from 'urql';
import { formatUsd, humanize } from '../../ui/format';
import { EmptyState } from '../../ui/States';
import { BetaAccessSummaryQuery } from '../grants/grants.operations';
import { DashboardPanel } from './DashboardPanel';

const count = new Intl.NumberFormat();

/** The beta-access programme now: active grants, activated and dormant, credits used, by account kind. */
export function BetaAccessPanel() {
  const [result, refetch] = useQuery({ query: BetaAccessSummaryQuery, requestPolicy: 'cache-and-network' });
  return (
    <DashboardPanel
      figure="beta-access"
      wide
      title={
        <>
          Beta access{' '}
          {result.data && <span className="count">{result.data.betaAccessSummary.granted}</span>}
        </>
      }
      actions={<Link to="/beta-access?status=ACTIVE">All active grants</Link>}
      result={result}
      retry={() => refetch({ requestPolicy: 'network-only' })}
    >
      {({ betaAccessSummary: summary }) =>
        summary.granted === 0 ? (
          <EmptyState title="No active grant." hint="Access is granted from an account's or a person's page." />
        ) : (
          <div className="table-scroll">
            <table className="table table-compact">
              <caption className="visually-hidden">Active grants by account kind, today</caption>
              <thead>
                <tr>
                  <th scope="col">Account kind</th>
                  <th scope="col" className="numeric">
                    Granted
                  </th>
                  <th scope="col" className="numeric">
                    Activated
                  </th>
                  <th scope="col" className="numeric">
                    Dormant
                  </th>
                  <th scope="col" className="numeric">
                    Credits used (USD)
                  </th>
                  <th scope="col" className="numeric">
                    Credits used (generations)
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.byAccountKind.map((row) => (
                  <tr key={row.accountKind ?? 'none'}>
                    <th scope="row">{row.accountKind ? humanize(row.accountKind) : 'People without a company'}</th>
                    <td className="numeric">
                      {row.accountKind ? (
                        <Link
                          to={`/beta-access?status=ACTIVE&kind=${row.accountKind}`}
                          aria-label={`${row.granted} active grants of ${humanize(row.accountKind).toLowerCase()} accounts`}
                        >
                          {row.granted}
                        </Link>
                      ) : (
                        row.granted
                      )}
                    </td>
                    <td className="numeric">{row.activated}</td>
                    <td className="numeric">{row.dormant}</td>
                    <td className="numeric">{formatUsd(row.creditsUsedUsd)}</td>
                    <td className="numeric">{count.format(row.creditsUsedGenerations)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">All</th>
                  <td className="numeric">{summary.granted}</td>
                  <td className="numeric">{summary.activated}</td>
                  <td className="numeric">{summary.dormant}</td>
                  <td className="numeric">{formatUsd(summary.creditsUsedUsd)}</td>
                  <td className="numeric">{count.format(summary.creditsUsedGenerations)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )
      }
    </DashboardPanel>
  );
}
