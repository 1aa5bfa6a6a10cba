import { useState } from 'react';
import { useQuery } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import { formatDateTime } from '../../ui/format';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { UnmatchedIdentitiesQuery } from './identities.operations';
import { LinkIdentityForm } from './LinkIdentityForm';

/** Generator identifiers that match no account: link each to the right account. */
export default function IdentitiesPage() {
  const viewer = useViewer();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery({ query: UnmatchedIdentitiesQuery, variables: { after } });
  const [linking, setLinking] = useState<string | null>(null);

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Unmatched usage</h1>
          <p className="page-subtitle">
            The generator reported usage under these identifiers, and no account claims them yet. Linking one attributes its
            past and future events to the account.
          </p>
        </div>
      </header>
      {!data && fetching && <Loading label="Loading unmatched identities" />}
      {!data && error && <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      {data && data.unmatchedIdentities.totalCount === 0 && (
        <EmptyState
          title="Every identity is matched."
          hint="New generator organisations or email domains that match no account's domains will wait here."
        />
      )}
      {data && data.unmatchedIdentities.totalCount > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Unmatched generator identities</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Project</th>
                <th scope="col">Email domain</th>
                <th scope="col" className="numeric">
                  Events
                </th>
                <th scope="col">Last seen</th>
                {viewer.canEdit && <th scope="col">Account</th>}
              </tr>
            </thead>
            <tbody>
              {data.unmatchedIdentities.edges.map(({ node }) => (
                <tr key={node.id} data-identity={node.orgId ?? node.emailDomain ?? node.id}>
                  <td>{node.orgId ?? '—'}</td>
                  <td>{node.projectId ?? '—'}</td>
                  <td>{node.emailDomain ?? '—'}</td>
                  <td className="numeric">{node.eventCount.toLocaleString()}</td>
                  <td>{formatDateTime(node.lastSeenAt)}</td>
                  {viewer.canEdit && (
                    <td className="cell-action">
                      {linking === node.id ? (
                        <LinkIdentityForm identity={node} onDone={() => setLinking(null)} />
                      ) : (
                        <button type="button" className="button" onClick={() => setLinking(node.id)}>
                          Link to account
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="table-footer">
            <span className="muted">{data.unmatchedIdentities.totalCount} unmatched</span>
            {after && (
              <button type="button" className="button" onClick={() => setAfter(null)}>
                First page
              </button>
            )}
            {data.unmatchedIdentities.pageInfo.hasNextPage && (
              <button type="button" className="button" onClick={() => setAfter(data.unmatchedIdentities.pageInfo.endCursor ?? null)}>
                Next page
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
