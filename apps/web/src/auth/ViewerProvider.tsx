import { createContext, type ReactNode, useContext } from 'react';
import { useQuery } from 'urql';
import type { MeQuery as MeResult, Role } from '../gql/graphql';
import { ErrorState, Loading } from '../ui/States';
import { MeQuery } from './auth.operations';

export interface Viewer {
  user: MeResult['me']['user'];
  memberId: string;
  role: Role;
  workspace: MeResult['me']['workspace'];
  workspaces: MeResult['me']['workspaces'];
  /** Every role but EXECUTIVE changes things. */
  canEdit: boolean;
  isAdmin: boolean;
}

const ViewerContext = createContext<Viewer | null>(null);

/** Loads who is signed in, in which workspace, before any page renders. */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const [{ data, error, fetching }, retry] = useQuery({ query: MeQuery, requestPolicy: 'cache-first' });
  if (!data) {
    if (error) return <ErrorState error={error} retry={() => retry({ requestPolicy: 'network-only' })} />;
    if (fetching) return <Loading label="Opening your workspace" />;
    return null;
  }
  const { me } = data;
  const viewer: Viewer = {
    user: me.user,
    memberId: me.member.id,
    role: me.member.role,
    workspace: me.workspace,
    workspaces: me.workspaces,
    canEdit: me.member.role !== 'EXECUTIVE',
    isAdmin: me.member.role === 'ADMIN',
  };
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer outside ViewerProvider');
  return viewer;
}
