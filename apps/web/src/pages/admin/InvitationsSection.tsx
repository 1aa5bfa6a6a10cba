import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { Role } from '../../gql/graphql';
import { Badge } from '../../ui/Badge';
import { formatDate, humanize } from '../../ui/format';
import { EmptyState, ErrorState, FormError, Loading } from '../../ui/States';
import { InvitationsQuery, InviteMemberMutation, RevokeInvitationMutation } from './admin.operations';
import { CopyButton } from './CopyButton';
import { ROLES } from './roles';

const TONES = { PENDING: 'blue', ACCEPTED: 'green', EXPIRED: 'neutral', REVOKED: 'neutral' } as const;

export function InvitationsSection() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: InvitationsQuery });
  const [invitation, invite] = useMutation(InviteMemberMutation);
  const [revocation, revoke] = useMutation(RevokeInvitationMutation);
  const [issued, setIssued] = useState<{ email: string; link: string } | null>(null);
  const [email, setEmail] = useState('');
  const pending = data?.invitations.edges.find(
    ({ node }) => node.status === 'PENDING' && node.email.toLowerCase() === email.trim().toLowerCase(),
  )?.node;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const result = await invite({
      email: String(form.get('email')).trim(),
      role: String(form.get('role')) as Role,
    });
    if (result.error) return;
    setIssued({ email: result.data!.inviteMember.invitation.email, link: result.data!.inviteMember.link });
    formElement.reset();
    setEmail('');
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <section aria-label="Invitations" className="stack">
      <form className="inline-form panel" onSubmit={submit} aria-label="Invite someone">
        <label className="field">
          <span>Email</span>
          <input
            name="email"
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-describedby="reinvite-warning"
          />
        </label>
        <label className="field">
          <span>Role</span>
          <select name="role" defaultValue="PARTNERSHIPS">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {humanize(role)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-primary" disabled={invitation.fetching}>
          {pending ? 'Revoke the earlier link and invite again' : 'Create invitation'}
        </button>
        <p
          id="reinvite-warning"
          className={pending ? 'notice small' : 'visually-hidden'}
          role={pending ? 'status' : undefined}
        >
          {pending
            ? `${pending.email} already has a pending invitation (sent ${formatDate(pending.createdAt)}). Inviting again revokes that link: it stops working.`
            : ''}
        </p>
        <FormError error={invitation.error} />
      </form>
      {issued && (
        <div className="secret" role="status">
          <p>
            Send this link to <strong>{issued.email}</strong>. It is shown only now.
          </p>
          <div className="secret-row">
            <code>{issued.link}</code>
            <CopyButton text={issued.link} label="Copy invitation link" />
          </div>
        </div>
      )}
      <FormError error={revocation.error} />
      {!data && fetching && <Loading label="Loading invitations" />}
      {!data && error && (
        <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      )}
      {data && data.invitations.edges.length === 0 && (
        <EmptyState title="No invitations yet." hint="Invite a teammate with the form above." />
      )}
      {data && data.invitations.edges.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Invitations</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Expires</th>
                <th scope="col">Invited by</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.invitations.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{node.email}</td>
                  <td>{humanize(node.role)}</td>
                  <td>
                    <Badge tone={TONES[node.status]}>{humanize(node.status)}</Badge>
                  </td>
                  <td>{formatDate(node.expiresAt)}</td>
                  <td>{node.invitedBy?.user.name ?? '—'}</td>
                  <td className="cell-action">
                    {node.status === 'PENDING' && (
                      <button
                        type="button"
                        className="button button-danger"
                        onClick={() => revoke({ invitationId: node.id })}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
