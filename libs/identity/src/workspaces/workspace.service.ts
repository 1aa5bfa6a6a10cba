import { InvalidInputException } from '@greenlight/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { systemPrincipal } from '../context/principal';
import { TenantContext } from '../context/tenant-context';
import { WorkspaceScope } from '../context/workspace-scoped.repository';
import { Membership, MemberStatus, Role, User, Workspace } from '../entities';
import { PasswordService } from '../passwords/password.service';
import { identitySql } from '../sql/identity.sql';
import { TenantSql } from '../sql/tenant-sql';
import { normalizeEmail } from '../users/email';
import { SLUG_FORMAT, slugify } from './slug';

interface NewMember {
  email: string;
  name?: string;
  role: Role;
  /** For a new user; when absent a one-time password is generated and returned. */
  password?: string;
}

interface AddedMember {
  user: User;
  membership: Membership;
  /** Set when a user was created with a generated password: show it once. */
  oneTimePassword?: string;
  createdUser: boolean;
}

/** Creating workspaces and adding members directly (CLI and demo seed; people use invitations). */
@Injectable()
export class WorkspaceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly context: TenantContext,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly db: TenantSql,
  ) {}

  findBySlug(slug: string): Promise<Workspace | null> {
    return this.dataSource.getRepository(Workspace).findOneBy({ slug });
  }

  /** Up to `limit` workspace ids after `afterId`, in id order: for background jobs over every workspace. */
  async idsAfter(afterId: string | null, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(identitySql.workspaceIdsAfter(afterId, limit));
    return rows.map((row) => row.id);
  }

  /** A workspace with its first admin; acts as the system. */
  async create(input: {
    name: string;
    slug?: string;
    admin: Omit<NewMember, 'role'>;
  }): Promise<{ workspace: Workspace } & AddedMember> {
    const name = input.name.trim();
    if (!name || name.length > 200)
      throw InvalidInputException.field('name', 'name must be 1 to 200 characters long');
    if (input.slug !== undefined && !SLUG_FORMAT.test(input.slug)) {
      throw InvalidInputException.field(
        'slug',
        'slug must be lower-case letters, digits and dashes (at most 48)',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const workspaces = manager.getRepository(Workspace);
      const slug = input.slug ?? (await this.freeSlug(manager, slugify(name)));
      if (await workspaces.existsBy({ slug }))
        throw InvalidInputException.field('slug', `slug ${slug} is already taken`);
      const workspace = await workspaces.save(workspaces.create({ name, slug, settings: {} }));
      return this.context.run(systemPrincipal(workspace.id), async () => {
        await this.audit.record(
          { entity: 'workspace', entityId: workspace.id, action: 'create', after: { name, slug } },
          manager,
        );
        const added = await this.addMemberWith(manager, { ...input.admin, role: Role.ADMIN });
        return { workspace, ...added };
      });
    });
  }

  /** Adds a user (created when new) to a workspace with a role; acts as the system. */
  addMember(workspaceId: string, member: NewMember): Promise<AddedMember> {
    return this.context.run(systemPrincipal(workspaceId), () =>
      this.dataSource.transaction((manager) => this.addMemberWith(manager, member)),
    );
  }

  private async addMemberWith(manager: EntityManager, member: NewMember): Promise<AddedMember> {
    const email = normalizeEmail(member.email);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
      throw InvalidInputException.field('email', 'email must be a valid email address');
    }
    const users = manager.getRepository(User);
    let user = await users.findOneBy({ email });
    let oneTimePassword: string | undefined;
    const createdUser = !user;
    if (!user) {
      const password = member.password ?? (oneTimePassword = this.passwords.generate());
      this.passwords.checkPolicy(password, email);
      const name = member.name?.trim() || email.split('@')[0];
      user = await users.save(
        users.create({ email, name, passwordHash: await this.passwords.hash(password) }),
      );
    }
    const members = this.scope.repository(Membership, 'Member', manager);
    let membership = await members.findOneBy({ userId: user.id });
    if (!membership) {
      membership = await members.insert({ userId: user.id, role: member.role, status: MemberStatus.ACTIVE });
      await this.audit.record(
        {
          entity: 'member',
          entityId: membership.id,
          action: 'create',
          after: { userId: user.id, role: member.role, status: membership.status },
        },
        manager,
      );
    }
    return { user, membership, oneTimePassword, createdUser };
  }

  private async freeSlug(manager: EntityManager, base: string): Promise<string> {
    const taken = new Set(
      (await this.db.query<{ slug: string }>(identitySql.slugsLike(base), manager)).map((row) => row.slug),
    );
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    return slug;
  }
}
