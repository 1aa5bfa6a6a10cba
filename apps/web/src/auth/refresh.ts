import { stringifyDocument } from '@urql/core';
import { RefreshSessionMutation } from './auth.operations';
import { expiresSoon, type Session, sessionStore } from './session-store';

let inflight: Promise<Session | null> | null = null;

/**
 * Exchanges the refresh token for new tokens, once even when several requests ask at the same
 * time (a refresh token works only once). Signs out when the server refuses it.
 */
export function refreshSession(): Promise<Session | null> {
  inflight ??= (async () => {
    const session = sessionStore.get();
    if (!session) return null;
    try {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: stringifyDocument(RefreshSessionMutation),
          variables: { refreshToken: session.refreshToken },
        }),
      });
      const body = (await response.json()) as { data?: { refreshSession: Session } | null };
      const next = body.data?.refreshSession ?? null;
      // Another tab may have refreshed first: keep its tokens rather than signing out.
      if (!next && sessionStore.get()?.refreshToken !== session.refreshToken) return sessionStore.get();
      sessionStore.set(next);
      return next;
    } catch {
      return session; // offline: keep the session and let the request report the network error
    }
  })().finally(() => (inflight = null));
  return inflight;
}

/** An access token valid for at least a little while, refreshed first if needed. */
export async function freshAccessToken(): Promise<string | null> {
  const session = sessionStore.get();
  if (!session) return null;
  if (!expiresSoon(session)) return session.accessToken;
  return (await refreshSession())?.accessToken ?? null;
}
