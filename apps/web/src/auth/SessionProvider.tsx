import { createContext, type ReactNode, useCallback, useContext, useMemo, useState, useSyncExternalStore } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { createGraphQLClient } from '../graphql/client';
import { SignInMutation, SignOutMutation, SwitchWorkspaceMutation } from './auth.operations';
import { type Session, sessionStore } from './session-store';

interface SessionActions {
  signedIn: boolean;
  signIn(input: { email: string; password: string; workspaceSlug?: string }): Promise<void>;
  /** Starts a session from tokens obtained elsewhere (an accepted invitation). */
  begin(session: Session): void;
  signOut(): Promise<void>;
  switchWorkspace(workspaceId: string): Promise<void>;
}

const SessionContext = createContext<SessionActions | null>(null);

function toSession(payload: Session): Session {
  return { accessToken: payload.accessToken, refreshToken: payload.refreshToken, expiresAt: payload.expiresAt };
}

/** Holds the tokens and a GraphQL client; a new client (and so an empty cache) per session. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const session = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  const signedIn = session !== null;
  const [generation, setGeneration] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new client when the session starts or ends
  const client = useMemo(() => createGraphQLClient(), [generation, signedIn]);

  const begin = useCallback((next: Session) => {
    sessionStore.set(toSession(next));
    setGeneration((value) => value + 1);
  }, []);

  const actions = useMemo<SessionActions>(
    () => ({
      signedIn,
      begin,
      async signIn({ email, password, workspaceSlug }) {
        const result = await client.mutation(SignInMutation, { email, password, workspaceSlug: workspaceSlug || null });
        if (result.error) throw result.error;
        begin(result.data!.signIn);
      },
      async signOut() {
        const current = sessionStore.get();
        if (current) await client.mutation(SignOutMutation, { refreshToken: current.refreshToken }).toPromise();
        sessionStore.set(null);
        setGeneration((value) => value + 1);
      },
      async switchWorkspace(workspaceId) {
        const result = await client.mutation(SwitchWorkspaceMutation, { workspaceId });
        if (result.error) throw result.error;
        begin(result.data!.switchWorkspace);
      },
    }),
    [client, signedIn, begin],
  );

  return (
    <SessionContext.Provider value={actions}>
      <UrqlProvider value={client}>{children}</UrqlProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionActions {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}
