import { Connection, ConnectionArgs, paginate } from '@greenlight/common';
import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Not } from 'typeorm';
import { SessionMemory } from '../auth/session-memory';
import { AuditService } from '../audit/audit.service';
import { WorkspaceScope } from '../context/workspace-scoped.repository';
import { Membership, MemberStatus, Role, User } from '../entities';
import { SessionService } from '../sessions/session.service';
import { identitySql } from '../sql/identity.sql';
import { TenantSql } from '../sql/tenant-sql';
import { likePattern } from '../users/search';

interface MemberFilter {
  role?: Role;
  status?: MemberStatus;
  /** Part of the name or email. */
  search?: string;
}

function snapshot(member: Membership): Record<string, unknown> {
  return { userId: member.userId, role: member.role, status: member.status };
}

/** Members of the current workspace: listing, roles, deactivation. */
@Injectable()
export class MemberService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
    private readonly db: TenantSql,
    private readonly sessionMemory: SessionMemory,
  ) {}

  get(id: string): Promise<Membership> {
    return this.scope.repository(Membership, 'Member').getById(id);
  }

  list(filter: MemberFilter, args: ConnectionArgs): Promise<Connection<Membership>> {
    const query = this.scope.repository(Membership, 'Member').query('m', (q) => {
      if (filter.role) q.andWhere('m.role = :role', { role: filter.role });
      if (filter.status) q.andWhere('m.status = :status', { status: filter.status });
      if (filter.search?.trim()) {
        q.innerJoin(User, 'u', 'u.id = m.user_id').andWhere(
          '(u.name ILIKE :search OR u.email ILIKE :search)',
          {
            search: likePattern(filter.search),
          },
        );
      }
      return q;
    });
    return paginate(
      query,
      args,
      { expression: 'm.created_at', value: (row) => row.createdAt.toISOString(), part: 'timestamp', direction: 'ASC' },
      {
        expression: 'm.id',
        value: (row) => row.id,
      },
    );
  }

  changeRole(id: string, role: Role): Promise<Membership> {
    return this.change(id, 'change_role', async (member, manager) => {
      if (member.role === Role.ADMIN && role !== Role.ADMIN) await this.keepAnAdmin(member, manager);
      member.role = role;
    });
  }

  deactivate(id: string): Promise<Membership> {
    return this.change(id, 'deactivate', async (member, manager) => {
      if (member.status === MemberStatus.DEACTIVATED) return;
      if (member.role === Role.ADMIN) await this.keepAnAdmin(member, manager);
      member.status = MemberStatus.DEACTIVATED;
      member.deactivatedAt = new Date();
      await this.sessions.revokeSessions(manager, member.userId, member.workspaceId);
    });
  }

  reactivate(id: string): Promise<Membership> {
    return this.change(id, 'reactivate', (member) => {
      member.status = MemberStatus.ACTIVE;
      member.deactivatedAt = null;
    });
  }

  /**
   * Applies a change to one member under a lock on the workspace row, so two admins changing
   * members at once cannot both remove "the other" last admin.
   */
  private async change(
    id: string,
    action: string,
    apply: (member: Membership, manager: EntityManager) => Promise<void> | void,
  ): Promise<Membership> {
    const changed = await this.dataSource.transaction(async (manager) => {
      await this.db.query(identitySql.lockWorkspace(), manager);
      const members = this.scope.repository(Membership, 'Member', manager);
      const member = await members.getById(id);
      const before = snapshot(member);
      await apply(member, manager);
      const after = snapshot(member);
      if (JSON.stringify(before) === JSON.stringify(after)) return member;
      const saved = await members.save(member);
      await this.audit.record({ entity: 'member', entityId: member.id, action, before, after }, manager);
      return saved;
    });
    this.sessionMemory.forget(changed.id);
    return changed;
  }

  private async keepAnAdmin(member: Membership, manager: EntityManager): Promise<void> {
    const others = await this.scope
      .repository(Membership, 'Member', manager)
      .count({ role: Role.ADMIN, status: MemberStatus.ACTIVE, id: Not(member.id) });
    if (others === 0) throw new ConflictException('The workspace must keep at least one active admin');
  }
}
