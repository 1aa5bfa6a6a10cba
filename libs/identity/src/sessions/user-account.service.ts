import { InvalidInputException } from '@greenlight/common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SessionMemory } from '../auth/session-memory';
import { AuditService } from '../audit/audit.service';
import { MemberPrincipal } from '../context/principal';
import { Membership, MemberStatus, RefreshToken, User, Workspace } from '../entities';
import { PasswordService } from '../passwords/password.service';

/** The signed-in person's own account. */
@Injectable()
export class UserAccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly sessionMemory: SessionMemory,
  ) {}

  /** Every workspace the user is an active member of, in the order they joined. */
  async workspacesOf(userId: string): Promise<Workspace[]> {
    const memberships = await this.dataSource.getRepository(Membership).find({
      where: { userId, status: MemberStatus.ACTIVE },
      relations: { workspace: true },
      order: { createdAt: 'ASC' },
    });
    return memberships.map((m) => m.workspace as Workspace);
  }

  /** Changes the caller's password and ends their other sessions. */
  async changePassword(
    member: MemberPrincipal,
    currentPassword: string,
    newPassword: string,
  ): Promise<boolean> {
    const users = this.dataSource.getRepository(User);
    const user = await users.findOneByOrFail({ id: member.userId });
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw InvalidInputException.field('currentPassword', 'currentPassword is incorrect');
    }
    this.passwords.checkPolicy(newPassword, user.email, 'newPassword');
    const passwordHash = await this.passwords.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(User).update(user.id, { passwordHash });
      await manager
        .getRepository(RefreshToken)
        .createQueryBuilder()
        .update()
        .set({ revokedAt: () => 'now()' })
        .where('user_id = :userId AND revoked_at IS NULL', { userId: user.id })
        .andWhere(member.sessionId ? 'family_id <> :sid' : 'TRUE', { sid: member.sessionId })
        .execute();
      await this.audit.record({ entity: 'user', entityId: user.id, action: 'change_password' }, manager);
    });
    this.sessionMemory.forget(user.id);
    return true;
  }
}
