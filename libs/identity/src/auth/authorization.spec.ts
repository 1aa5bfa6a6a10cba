import { ApiKeyPrincipal, MemberPrincipal, systemPrincipal } from '../context/principal';
import { ApiKeyScope, Role } from '../entities';
import { authorize, Requirements } from './authorization';

const member = (role: Role): MemberPrincipal => ({
  kind: 'member',
  workspaceId: 'w',
  membershipId: 'm',
  userId: 'u',
  role,
  sessionId: 's',
});
const key = (...scopes: ApiKeyScope[]): ApiKeyPrincipal => ({
  kind: 'api_key',
  workspaceId: 'w',
  apiKeyId: 'k',
  scopes,
});

const allowed = (principal: Parameters<typeof authorize>[0], requirements: Requirements) => {
  try {
    authorize(principal, requirements);
    return true;
  } catch {
    return false;
  }
};

describe('authorize', () => {
  it.each([
    ['an executive queries', member(Role.EXECUTIVE), { operation: 'query', members: true }, true],
    ['an executive mutates', member(Role.EXECUTIVE), { operation: 'mutation', members: true }, false],
    [
      'an executive signs out (opted in)',
      member(Role.EXECUTIVE),
      { operation: 'mutation', members: true, allowReadOnlyRoles: true },
      true,
    ],
    [
      'an executive runs an admin-only opted-in mutation',
      member(Role.EXECUTIVE),
      { operation: 'mutation', allowReadOnlyRoles: true, members: [Role.ADMIN] },
      false,
    ],
    [
      'a rep runs an admin-only mutation',
      member(Role.PARTNERSHIPS),
      { operation: 'mutation', members: [Role.ADMIN] },
      false,
    ],
    [
      'an admin runs an admin-only mutation',
      member(Role.ADMIN),
      { operation: 'mutation', members: [Role.ADMIN] },
      true,
    ],
    ['an admin calls a route declaring nothing', member(Role.ADMIN), { operation: 'http' }, false],
    ['an admin runs a query declaring nothing', member(Role.ADMIN), { operation: 'query' }, false],
    [
      'a member calls a key-only route',
      member(Role.ADMIN),
      { operation: 'http', scopes: ['usage:write'] },
      false,
    ],
    [
      'a member calls a route open to members and read keys',
      member(Role.EXECUTIVE),
      { operation: 'http', members: true, scopes: ['read'] },
      true,
    ],
    [
      'a usage key posts usage',
      key(ApiKeyScope.USAGE_WRITE),
      { operation: 'http', scopes: ['usage:write'] },
      true,
    ],
    ['a read key posts usage', key(ApiKeyScope.READ), { operation: 'http', scopes: ['usage:write'] }, false],
    [
      'a key with one of the named scopes',
      key(ApiKeyScope.READ),
      { operation: 'http', scopes: ['usage:write', 'read'] },
      true,
    ],
    [
      'a usage key calls a members-only route',
      key(ApiKeyScope.USAGE_WRITE),
      { operation: 'http', members: true },
      false,
    ],
    [
      'a key with every scope calls a route declaring no scope',
      key(ApiKeyScope.READ, ApiKeyScope.USAGE_WRITE),
      { operation: 'http', members: [Role.ADMIN, Role.PARTNERSHIPS] },
      false,
    ],
    [
      'a key calls a route declaring nothing',
      key(ApiKeyScope.READ, ApiKeyScope.USAGE_WRITE),
      { operation: 'http' },
      false,
    ],
    [
      'a usage key queries GraphQL',
      key(ApiKeyScope.USAGE_WRITE),
      { operation: 'query', members: true, scopes: ['read'] },
      false,
    ],
    [
      'a read key queries GraphQL',
      key(ApiKeyScope.READ),
      { operation: 'query', members: true, scopes: ['read'] },
      true,
    ],
    [
      'a read key runs a members-only query',
      key(ApiKeyScope.READ),
      { operation: 'query', members: true },
      false,
    ],
    [
      'a read key mutates',
      key(ApiKeyScope.READ, ApiKeyScope.USAGE_WRITE),
      { operation: 'mutation', members: true, scopes: ['read'] },
      false,
    ],
    [
      'a read key runs an admin-only query',
      key(ApiKeyScope.READ),
      { operation: 'query', members: [Role.ADMIN] },
      false,
    ],
    [
      'the system does anything',
      systemPrincipal('w'),
      { operation: 'mutation', members: [Role.ADMIN] },
      true,
    ],
  ] as const)('%s: %s', (_name, principal, requirements, expected) => {
    expect(allowed(principal, requirements as Requirements)).toBe(expected);
  });
});
