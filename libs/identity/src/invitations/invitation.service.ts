import { Connection, ConnectionArgs, paginate } from '@greenlight/common';
import { AppConfig } from '@greenlight/config';
import { ConflictException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { memberIdOf, systemPrincipal } from '../context/principal';
import { TenantContext } from '../context/tenant-context';
import { WorkspaceScope } from '../context/workspace-scoped.repository';
import { Invitation, Membership, Role, User, Workspace } from '../entities';
import { PasswordService } from '../passwords/password.service';
import { MembershipInWorkspace, Session, SessionService, SIGN_IN_FAILED } from '../sessions/session.service';
import { randomSecret, sha256 } from '../tokens/secrets';
import { normalizeEmail } from '../users/email';
import { InvitationStatus, invitationStatus, invitationStatusCondition } from './invitation-status';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const NOT_REDEEMABLE = 'This invitation was not found, has expired, or was already used or revoked';

export interface IssuedInvitation {
  invitation: Invitation;
  /** Shown once; only its hash is stored. */
  token: string;
  link: string;
}

function snapshot(invitation: Invitation): Record<string, unknown> {
  return { email: invitation.email, role: invitation.role, status: invitationStatus(invitation) };
}

/** Invitations to join the current workspace, and their redemption. */
@Injectable()
export class InvitationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly context: TenantContext,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly config: AppConfig,
  ) {}

  /** Invites an email with a role; an earlier pending invitation for that email is replaced. */
  async invite(email: string, role: Role): Promise<IssuedInvitation> {
    const address = normalizeEmail(email);
    const principal = this.context.principal();
    const token = `gli_${randomSecret(32)}`;
    const invitation = await this.dataSource.transaction(async (manager) => {
      const existing = await this.scope
        .repository(Membership, 'Member', manager)
        .query('m', (q) =>
          q.innerJoin(User, 'u', 'u.id = m.user_id').andWhere('u.email = :email', { email: address }),
        )
        .getOne();
      if (existing) throw new ConflictException(`${address} is already a member of this workspace`);
      const invitations = this.scope.repository(Invitation, 'Invitation', manager);
      for (const earlier of await invitations.find({
        where: { email: address, acceptedAt: IsNull(), revokedAt: IsNull() },
      })) {
        earlier.revokedAt = new Date();
        await invitations.save(earlier);
      }
      const created = await invitations.insert({
        email: address,
        role,
        tokenHash: sha256(token),
        invitedById: memberIdOf(principal),
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      });
      await this.audit.record(
        { entity: 'invitation', entityId: created.id, action: 'create', after: snapshot(created) },
        manager,
      );
      return created;
    });
    return { invitation, token, link: `${this.config.publicUrl}/invite/${token}` };
  }

  get(id: string): Promise<Invitation> {
    return this.scope.repository(Invitation, 'Invitation').getById(id);
  }

  list(status: InvitationStatus | undefined, args: ConnectionArgs): Promise<Connection<Invitation>> {
    const query = this.scope
      .repository(Invitation, 'Invitation')
      .query('i', (q) => (status ? q.andWhere(invitationStatusCondition(status, 'i')) : q));
    return paginate(
      query,
      args,
      { expression: 'i.created_at', value: (row) => row.createdAt.toISOString(), part: 'timestamp', direction: 'DESC' },
      {
        expression: 'i.id',
        value: (row) => row.id,
      },
    );
  }

  async revoke(id: string): Promise<Invitation> {
    return this.dataSource.transaction(async (manager) => {
      const invitations = this.scope.repository(Invitation, 'Invitation', manager);
      const invitation = await invitations.getById(id, { lock: true });
      if (invitation.revokedAt) return invitation;
      if (invitation.acceptedAt) throw new ConflictException('This invitation was already accepted');
      const before = snapshot(invitation);
      invitation.revokedAt = new Date();
      await invitations.save(invitation);
      await this.audit.record(
        { entity: 'invitation', entityId: id, action: 'revoke', before, after: snapshot(invitation) },
        manager,
      );
      return invitation;
    });
  }

  /**
   * Redeems an invitation: a new user chooses a name and password; an existing user proves their
   * password. Either way the result is a membership and a signed-in session.
   */
  async accept(token: string, name: string, password: string): Promise<Session> {
    const found = await this.dataSource.getRepository(Invitation).findOneBy({ tokenHash: sha256(token) });
    if (!found || invitationStatus(found) !== InvitationStatus.PENDING)
      throw new NotFoundException(NOT_REDEEMABLE);
    const membership = await this.context.run(systemPrincipal(found.workspaceId), () =>
      this.dataSource.transaction((manager) => this.redeem(manager, found.id, name, password)),
    );
    return this.sessions.start(membership);
  }

  private async redeem(
    manager: EntityManager,
    id: string,
    name: string,
    password: string,
  ): Promise<MembershipInWorkspace> {
    const invitations = this.scope.repository(Invitation, 'Invitation', manager);
    const invitation = await invitations.getById(id, { lock: true });
    if (invitationStatus(invitation) !== InvitationStatus.PENDING)
      throw new NotFoundException(NOT_REDEEMABLE);

    const users = manager.getRepository(User);
    let user = await users.findOneBy({ email: invitation.email });
    if (user) {
      if (!(await this.passwords.verify(user.passwordHash, password))) {
        throw new UnauthorizedException(SIGN_IN_FAILED);
      }
    } else {
      this.passwords.checkPolicy(password, invitation.email);
      user = await users.save(
        users.create({
          email: invitation.email,
          name: name.trim(),
          passwordHash: await this.passwords.hash(password),
        }),
      );
    }

    const members = this.scope.repository(Membership, 'Member', manager);
    if (await members.findOneBy({ userId: user.id }))
      throw new ConflictException(`${invitation.email} is already a member of this workspace`);
    const membership = await members.insert({ userId: user.id, role: invitation.role });
    const before = snapshot(invitation);
    invitation.acceptedAt = new Date();
    await invitations.save(invitation);

    this.context.setPrincipal({
      kind: 'member',
      workspaceId: membership.workspaceId,
      membershipId: membership.id,
      userId: user.id,
      role: membership.role,
      sessionId: null,
    });
    await this.audit.record(
      { entity: 'invitation', entityId: id, action: 'accept', before, after: snapshot(invitation) },
      manager,
    );
    await this.audit.record(
      {
        entity: 'member',
        entityId: membership.id,
        action: 'create',
        after: { userId: user.id, role: membership.role, status: membership.status },
      },
      manager,
    );
    const workspace = await manager.getRepository(Workspace).findOneByOrFail({ id: membership.workspaceId });
    return Object.assign(membership, { workspace });
  }
}
