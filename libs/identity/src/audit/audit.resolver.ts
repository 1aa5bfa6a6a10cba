import { Connection, LoaderRegistry, Loaders } from '@greenlight/common';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/decorators';
import { ActorType, AuditEntry, Membership, Role } from '../entities';
import { IdentityLoaders } from '../loaders/identity.loaders';
import { MemberNode } from '../members/member.types';
import { AuditEntriesArgs, AuditEntryConnection, AuditEntryNode } from './audit-entry.types';
import { AuditService } from './audit.service';

@Resolver(() => AuditEntryNode)
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly loaders: IdentityLoaders,
  ) {}

  @Roles(Role.ADMIN)
  @Query(() => AuditEntryConnection, {
    name: 'auditEntries',
    description: 'The audit trail of the current workspace, newest first.',
  })
  listAuditEntries(
    @Args() { entity, entityId, actorId, since, until, ...page }: AuditEntriesArgs,
  ): Promise<Connection<AuditEntry>> {
    return this.audit.list({ entity, entityId, actorId, since, until }, page);
  }

  @ResolveField(() => MemberNode, { nullable: true, description: 'The member who acted, when a member did.' })
  actorMember(
    @Parent() entry: AuditEntry,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Membership | null> | null {
    return entry.actorType === ActorType.MEMBER && entry.actorId
      ? this.loaders.member(registry).load(entry.actorId)
      : null;
  }
}
