import { ActorType, ApiKeyScope, Role } from '../entities';

/** A signed-in person acting in one workspace through their membership. */
export interface MemberPrincipal {
  kind: 'member';
  workspaceId: string;
  membershipId: string;
  userId: string;
  role: Role;
  /** The session (refresh-token family) the access token belongs to. */
  sessionId: string | null;
  /** The user's e-mail and name as read when authenticating the request (absent otherwise). */
  user?: { email: string; name: string };
}

/** A machine acting with an API key of one workspace. */
export interface ApiKeyPrincipal {
  kind: 'api_key';
  workspaceId: string;
  apiKeyId: string;
  scopes: readonly ApiKeyScope[];
}

/** Greenlight itself: the CLI, the demo seed, background work. */
export interface SystemPrincipal {
  kind: 'system';
  workspaceId: string;
}

export type Principal = MemberPrincipal | ApiKeyPrincipal | SystemPrincipal;

export function systemPrincipal(workspaceId: string): SystemPrincipal {
  return { kind: 'system', workspaceId };
}

/** The signed-in member's id, or null for the system and API keys. */
export function memberIdOf(principal: Principal | undefined): string | null {
  return principal?.kind === 'member' ? principal.membershipId : null;
}

export function actorOf(principal: Principal): { actorType: ActorType; actorId: string | null } {
  switch (principal.kind) {
    case 'member':
      return { actorType: ActorType.MEMBER, actorId: principal.membershipId };
    case 'api_key':
      return { actorType: ActorType.API_KEY, actorId: principal.apiKeyId };
    case 'system':
      return { actorType: ActorType.SYSTEM, actorId: null };
  }
}
