import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUuid } from '../context/uuid';

const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const JWT_ISSUER = 'greenlight';
const JWT_AUDIENCE = 'greenlight-api';

/** What an access token says; role and status are not in it: they are read from the database each time. */
interface AccessClaims {
  /** The user. */
  sub: string;
  workspace: string;
  membership: string;
  /** The session (refresh-token family), so signing out ends the access token too. */
  sid: string;
}

@Injectable()
export class AccessTokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(claims: AccessClaims): { token: string; expiresAt: Date } {
    const token = this.jwt.sign(claims, {
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });
    return { token, expiresAt: new Date(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000) };
  }

  /** The claims of a valid, unexpired token signed by us, with when it expires; null for anything else. */
  verify(token: string): (AccessClaims & { expiresAt: number }) | null {
    try {
      const claims = this.jwt.verify<AccessClaims & { exp: number } & Record<string, unknown>>(token, {
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        algorithms: ['HS256'],
      });
      const valid = ['sub', 'workspace', 'membership', 'sid'].every((key) => isUuid(claims[key]));
      return valid
        ? {
            sub: claims.sub,
            workspace: claims.workspace,
            membership: claims.membership,
            sid: claims.sid,
            expiresAt: claims.exp * 1000,
          }
        : null;
    } catch {
      return null;
    }
  }
}
