import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeyService } from '../api-keys/api-key.service';
import { MemberPrincipal, Principal } from '../context/principal';
import { MemberStatus, Role } from '../entities';
import { identitySql } from '../sql/identity.sql';
import { TenantSql } from '../sql/tenant-sql';
import { AccessTokenService } from '../tokens/access-token.service';
import { credentialFrom } from './credentials';
import { SessionMemory } from './session-memory';

interface MembershipState {
  role: Role;
  status: MemberStatus;
  session_active: boolean;
  email: string;
  name: string;
}

/**
 * Turns a request's credentials into a principal. For a member, role, status and whether the
 * session is open are read from the database (with the user's e-mail and name, so `me` needs no
 * other statement), or from `SessionMemory` when it read them for this token before and no change
 * to them was notified since.
 */
@Injectable()
export class Authenticator {
  private readonly resolved = new WeakMap<Request, Promise<Principal | null>>();

  constructor(
    private readonly db: TenantSql,
    private readonly accessTokens: AccessTokenService,
    private readonly apiKeys: ApiKeyService,
    private readonly sessions: SessionMemory,
  ) {}

  /** Null without credentials; refuses bad ones. Resolved once per request. */
  authenticate(request: Request): Promise<Principal | null> {
    let principal = this.resolved.get(request);
    if (!principal) {
      principal = this.resolve(request);
      this.resolved.set(request, principal);
    }
    return principal;
  }

  private async resolve(request: Request): Promise<Principal | null> {
    const credential = credentialFrom(request.headers.authorization);
    if (credential === undefined) return null;
    if (credential.startsWith('glk_')) {
      const principal = await this.apiKeys.authenticate(credential);
      if (!principal) throw new UnauthorizedException('The API key is not valid or was revoked');
      return principal;
    }
    const remembered = this.sessions.recall(credential);
    if (remembered) return remembered;
    const claims = this.accessTokens.verify(credential);
    if (!claims) throw new UnauthorizedException('The access token is not valid or has expired');
    const mark = this.sessions.mark();
    const state = await this.db
      .inWorkspace(claims.workspace)
      .first<MembershipState>(identitySql.membershipState(claims.membership, claims.sub, claims.sid));
    if (!state) throw new UnauthorizedException('The access token is not valid or has expired');
    if (state.status !== MemberStatus.ACTIVE)
      throw new ForbiddenException('Your membership of this workspace was deactivated');
    if (!state.session_active) throw new UnauthorizedException('This session has ended: sign in again');
    const principal: MemberPrincipal = {
      kind: 'member',
      workspaceId: claims.workspace,
      membershipId: claims.membership,
      userId: claims.sub,
      role: state.role,
      sessionId: claims.sid,
      user: { email: state.email, name: state.name },
    };
    this.sessions.remember(credential, principal, claims.expiresAt, mark);
    return principal;
  }
}
