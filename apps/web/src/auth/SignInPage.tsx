import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { CombinedError } from 'urql';
import { FormError } from '../ui/States';
import { useSession } from './SessionProvider';

/** Only same-app paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (session.signedIn && !busy) return <Navigate to={next} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await session.signIn({
        workspaceSlug: String(form.get('workspace') ?? '').trim(),
        email: String(form.get('email') ?? '').trim(),
        password: String(form.get('password') ?? ''),
      });
      navigate(next, { replace: true });
    } catch (caught) {
      const code = (caught as CombinedError).graphQLErrors?.[0]?.extensions?.code;
      setError(
        code === 'UNAUTHENTICATED'
          ? new Error('The email or password is wrong, or the account is not a member of that workspace. Check them and try again.')
          : caught,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Greenlight
        </div>
        <h1 id="sign-in-title">Sign in</h1>
        <label className="field">
          <span>Workspace</span>
          <input name="workspace" autoComplete="organization" placeholder="e.g. demo (optional)" />
        </label>
        <label className="field">
          <span>Email</span>
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label className="field">
          <span>Password</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <FormError error={error} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="auth-hint">Leave the workspace empty to open the first one you joined.</p>
      </form>
    </main>
  );
}
