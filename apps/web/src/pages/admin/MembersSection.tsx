import { useMutation, useQuery } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import type { Role } from '../../gql/graphql';
import { Badge } from '../../ui/Badge';
import { formatDate, humanize } from '../../ui/format';
import { ErrorState, FormError, Loading } from '../../ui/States';
import { ChangeRoleMutation, DeactivateMemberMutation, MembersQuery, ReactivateMemberMutation } from './admin.operations';
import { ROLES } from './roles';

export function MembersSection() {
  const viewer = useViewer();
  const [{ data, fetching, error }, refetch] = useQuery({ query: MembersQuery });
  const [roleChange, changeRole] = useMutation(ChangeRoleMutation);
  const [deactivation, deactivate] = useMutation(DeactivateMemberMutation);
  const [reactivation, reactivate] = useMutation(ReactivateMemberMutation);
  if (!data) {
    if (error) return <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
    return fetching ? <Loading label="Loading members" /> : null;
  }
  return (
    <section aria-label="Members">
      <FormError error={roleChange.error ?? deactivation.error ?? reactivation.error} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Members of the workspace</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Joined</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.members.edges.map(({ node }) => {
              const self = node.id === viewer.memberId;
              return (
                <tr key={node.id}>
                  <td>
                    {node.user.name}
                    {self && <span className="muted"> (you)</span>}
                  </td>
                  <td>{node.user.email}</td>
                  <td>
                    <select
                      aria-label={`Role of ${node.user.name}`}
                      value={node.role}
                      disabled={self || node.status !== 'ACTIVE'}
                      onChange={(event) => changeRole({ memberId: node.id, role: event.target.value as Role })}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {humanize(role)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <Badge tone={node.status === 'ACTIVE' ? 'green' : 'neutral'}>{humanize(node.status)}</Badge>
                  </td>
                  <td>{formatDate(node.createdAt)}</td>
                  <td className="cell-action">
                    {!self && node.status === 'ACTIVE' && (
                      <button
                        type="button"
                        className="button button-danger"
                        onClick={() => {
                          if (window.confirm(`Deactivate ${node.user.name}? Their sessions end at once.`)) deactivate({ memberId: node.id });
                        }}
                      >
                        Deactivate
                      </button>
                    )}
                    {node.status === 'DEACTIVATED' && (
                      <button type="button" className="button" onClick={() => reactivate({ memberId: node.id })}>
                        Reactivate
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
