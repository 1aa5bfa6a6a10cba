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
    ['an executive queries', member(Role.EXECUTIVE), { operation: 'query' }, true],
    ['an executive mutates', member(Role.EXECUTIVE), { operation: 'mutation' }, false],
    [
      'an executive signs out (opted in)',
      member(Role.EXECUTIVE),
      { operation: 'mutation', allowReadOnlyRoles: true },
      true,
    ],
    [
      'an executive runs an admin-only opted-in mutation',
      member(Role.EXECUTIVE),
      { operation: 'mutation', allowReadOnlyRoles: true, roles: [Role.ADMIN] },
      false,
    ],
    [
      'a rep runs an admin-only mutation',
      member(Role.PARTNERSHIPS),
      { operation: 'mutation', roles: [Role.ADMIN] },
      false,
    ],
    [
      'an admin runs an admin-only mutation',
      member(Role.ADMIN),
      { operation: 'mutation', roles: [Role.ADMIN] },
      true,
    ],
    [
      'a member calls a key-only route',
      member(Role.ADMIN),
      { operation: 'http', scopes: ['usage:write'] },
      false,
    ],
    [
      'a usage key posts usage',
      key(ApiKeyScope.USAGE_WRITE),
      { operation: 'http', scopes: ['usage:write'] },
      true,
    ],
    ['a read key posts usage', key(ApiKeyScope.READ), { operation: 'http', scopes: ['usage:write'] }, false],
    ['a usage key queries GraphQL', key(ApiKeyScope.USAGE_WRITE), { operation: 'query' }, false],
    ['a read key queries GraphQL', key(ApiKeyScope.READ), { operation: 'query' }, true],
    ['a read key mutates', key(ApiKeyScope.READ, ApiKeyScope.USAGE_WRITE), { operation: 'mutation' }, false],
    [
      'a read key runs an admin-only query',
      key(ApiKeyScope.READ),
      { operation: 'query', roles: [Role.ADMIN] },
      false,
    ],
    ['the system does anything', systemPrincipal('w'), { operation: 'mutation', roles: [Role.ADMIN] }, true],
  ] as const)('%s: %s', (_name, principal, requirements, expected) => {
    expect(allowed(principal, requirements as Requirements)).toBe(expected);
  });
});
