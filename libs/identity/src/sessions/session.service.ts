import { EntityNotFoundException } from '@greenlight/common';
import {
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull, SelectQueryBuilder } from 'typeorm';
import { SessionMemory } from '../auth/session-memory';
import { MemberPrincipal } from '../context/principal';
import { Membership, MemberStatus, RefreshToken, User, Workspace } from '../entities';
import { PasswordService } from '../passwords/password.service';
import { AccessTokenService } from '../tokens/access-token.service';
import { randomSecret, sha256 } from '../tokens/secrets';
import { normalizeEmail } from '../users/email';
import { isUuid } from '../context/uuid';

const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const SIGN_IN_FAILED = 'Email or password is incorrect';
const SESSION_ENDED = 'This session has ended: sign in again';

/** Tokens handed to a client, with the membership they act as. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  membership: MembershipInWorkspace;
}

export type MembershipInWorkspace = Membership & { workspace: Workspace };

type RefreshOutcome = { session: Session } | { failure: 'ended' | 'reused'; familyId?: string };

/** Sign-in, refresh-token rotation, sign-out and switching workspace. */
@Injectable()
export class SessionService {
  private readonly logger = new Logger(SessionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly accessTokens: AccessTokenService,
    private readonly sessionMemory: SessionMemory,
  ) {}

  /** Same answer for an unknown email and a wrong password. */
  async signIn(email: string, password: string, workspaceSlug?: string): Promise<Session> {
    const user = await this.dataSource.getRepository(User).findOneBy({ email: normalizeEmail(email) });
    const valid = user
      ? await this.passwords.verify(user.passwordHash, password)
      : await this.passwords.verifyNothing(password);
    if (!user || !valid) throw new UnauthorizedException(SIGN_IN_FAILED);
    const query = this.activeMemberships(this.dataSource.manager, user.id);
    if (workspaceSlug) query.andWhere('w.slug = :slug', { slug: workspaceSlug });
    const membership = (await query
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getOne()) as MembershipInWorkspace | null;
    if (!membership) {
      throw new ForbiddenException(
        workspaceSlug
          ? `You are not an active member of workspace ${workspaceSlug}`
          : 'You are not an active member of any workspace',
      );
    }
    return this.start(membership);
  }

  /** Opens a new session (a new refresh-token family) for an active membership. */
  async start(membership: MembershipInWorkspace, manager = this.dataSource.manager): Promise<Session> {
    const familyId = randomUUID();
    const { token } = await this.issueRefreshToken(manager, membership, familyId);
    return this.sessionOf(membership, familyId, token);
  }

  /**
   * Exchanges a refresh token for new tokens. The old one stops working; presenting it again
   * means it was copied, so the whole session is revoked.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<RefreshOutcome> => {
      const current = await manager
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .where('t.token_hash = :hash', { hash: sha256(refreshToken) })
        .setLock('pessimistic_write')
        .getOne();
      if (!current) return { failure: 'ended' };
      if (current.revokedAt) {
        if (!current.replacedById) return { failure: 'ended' };
        await this.revokeFamily(manager, current.familyId);
        return { failure: 'reused', familyId: current.familyId };
      }
      if (current.expiresAt.getTime() <= Date.now()) return { failure: 'ended' };
      const membership = (await this.activeMemberships(manager, current.userId)
        .andWhere('m.workspace_id = :workspaceId', { workspaceId: current.workspaceId })
        .getOne()) as MembershipInWorkspace | null;
      if (!membership) {
        await this.revokeFamily(manager, current.familyId);
        return { failure: 'ended', familyId: current.familyId };
      }
      const next = await this.issueRefreshToken(manager, membership, current.familyId);
      await manager
        .getRepository(RefreshToken)
        .update(
          { id: current.id, workspaceId: current.workspaceId },
          { revokedAt: new Date(), replacedById: next.row.id },
        );
      return { session: this.sessionOf(membership, current.familyId, next.token) };
    });
    if ('session' in outcome) return outcome.session;
    if (outcome.familyId) this.sessionMemory.forget(outcome.familyId);
    if (outcome.failure === 'reused') {
      this.logger.warn(`A rotated refresh token was presented again: session ${outcome.familyId} revoked`);
    }
    throw new UnauthorizedException(SESSION_ENDED);
  }

  /** Ends the caller's session that this refresh token belongs to. */
  async signOut(refreshToken: string, member: MemberPrincipal): Promise<boolean> {
    const row = await this.dataSource
      .getRepository(RefreshToken)
      .findOneBy({ tokenHash: sha256(refreshToken), userId: member.userId });
    if (!row) throw new NotFoundException('Session was not found');
    await this.revokeFamily(this.dataSource.manager, row.familyId);
    this.sessionMemory.forget(row.familyId);
    return true;
  }

  /** New tokens for another workspace the caller is an active member of. */
  async switchWorkspace(member: MemberPrincipal, workspaceId: string): Promise<Session> {
    const membership = isUuid(workspaceId)
      ? ((await this.activeMemberships(this.dataSource.manager, member.userId)
          .andWhere('m.workspace_id = :workspaceId', { workspaceId })
          .getOne()) as MembershipInWorkspace | null)
      : null;
    if (!membership) throw new EntityNotFoundException('Workspace', workspaceId);
    return this.start(membership);
  }

  /** Ends every session of a user in a workspace (a deactivated member). */
  async revokeSessions(manager: EntityManager, userId: string, workspaceId: string): Promise<void> {
    await manager
      .getRepository(RefreshToken)
      .update({ userId, workspaceId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager
      .getRepository(RefreshToken)
      .update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private activeMemberships(manager: EntityManager, userId: string): SelectQueryBuilder<Membership> {
    return manager
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.workspace', 'w')
      .where('m.user_id = :userId', { userId })
      .andWhere('m.status = :active', { active: MemberStatus.ACTIVE });
  }

  private async issueRefreshToken(manager: EntityManager, membership: Membership, familyId: string) {
    const token = `glr_${randomSecret(32)}`;
    const repository = manager.getRepository(RefreshToken);
    const row = await repository.save(
      repository.create({
        workspaceId: membership.workspaceId,
        userId: membership.userId,
        familyId,
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
      }),
    );
    return { token, row };
  }

  private sessionOf(membership: MembershipInWorkspace, familyId: string, refreshToken: string): Session {
    const { token, expiresAt } = this.accessTokens.issue({
      sub: membership.userId,
      workspace: membership.workspaceId,
      membership: membership.id,
      sid: familyId,
    });
    return { accessToken: token, refreshToken, expiresAt, membership };
  }
}
