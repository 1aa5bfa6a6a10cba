import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useClient } from 'urql';
import type { CombinedError } from 'urql';
import { sentence } from '../ui/errors';
import { FormError } from '../ui/States';
import { AcceptInvitationMutation } from './auth.operations';
import { useSession } from './SessionProvider';

/** A link that no longer works is not something to "go back and pick another" of: say what to do. */
function invitationProblem(error: CombinedError): unknown {
  const notFound = error.graphQLErrors.find((graphQLError) => graphQLError.extensions?.code === 'NOT_FOUND');
  if (!notFound) return error;
  return new Error(`${sentence(notFound.message)} Ask a workspace admin to send you a new invitation link.`);
}

/** Where an invitation link lands: choose a name and password, join, and sign in. */
export function AcceptInvitationPage() {
  const { token = '' } = useParams();
  const client = useClient();
  const session = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    const result = await client
      .mutation(AcceptInvitationMutation, {
        token,
        name: String(form.get('name') ?? '').trim(),
        password: String(form.get('password') ?? ''),
      })
      .toPromise();
    setBusy(false);
    if (result.error) return setError(invitationProblem(result.error));
    session.begin(result.data!.acceptInvitation);
    navigate('/', { replace: true });
  }

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-labelledby="invite-title">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Greenlight
        </div>
        <h1 id="invite-title">Join the workspace</h1>
        <label className="field">
          <span>Your name</span>
          <input name="name" autoComplete="name" required autoFocus />
        </label>
        <label className="field">
          <span>Password</span>
          <input name="password" type="password" autoComplete="new-password" minLength={12} required />
          <small>At least 12 characters. Already have an account? Use its password.</small>
        </label>
        <FormError error={error} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Joining…' : 'Join and sign in'}
        </button>
      </form>
    </main>
  );
}
