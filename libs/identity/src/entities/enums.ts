import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  ADMIN = 'ADMIN',
  PARTNERSHIPS = 'PARTNERSHIPS',
  ACCOUNT_MANAGER = 'ACCOUNT_MANAGER',
  EXECUTIVE = 'EXECUTIVE',
}

export enum MemberStatus {
  ACTIVE = 'active',
  DEACTIVATED = 'deactivated',
}

export enum ApiKeyScope {
  USAGE_WRITE = 'usage:write',
  READ = 'read',
  MAIL_WRITE = 'mail:write',
  ENTITLEMENTS_READ = 'entitlements:read',
}

export enum ActorType {
  MEMBER = 'member',
  API_KEY = 'api_key',
  SYSTEM = 'system',
}

/** Roles that may not change anything (enforced for every mutation by the authorization guard). */
export const READ_ONLY_ROLES: readonly Role[] = [Role.EXECUTIVE];

registerEnumType(Role, {
  name: 'Role',
  description: 'What a member may do in a workspace.',
  valuesMap: {
    ADMIN: { description: 'Manages the workspace: members, roles, API keys, settings.' },
    PARTNERSHIPS: { description: 'Works accounts, contacts and interactions.' },
    ACCOUNT_MANAGER: { description: 'Runs pilots and agreements.' },
    EXECUTIVE: { description: 'Reads everything, changes nothing.' },
  },
});
registerEnumType(MemberStatus, { name: 'MemberStatus' });
registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  valuesMap: {
    USAGE_WRITE: { description: '`usage:write`: post usage events to the REST ingestion routes.' },
    READ: { description: '`read`: run GraphQL queries (never mutations).' },
    MAIL_WRITE: { description: '`mail:write`: post raw e-mail messages for BCC capture (inbound-mail providers).' },
    ENTITLEMENTS_READ: { description: '`entitlements:read`: ask `GET /v1/entitlements` what a generator user or organisation may use.' },
  },
});
registerEnumType(ActorType, { name: 'ActorType' });
