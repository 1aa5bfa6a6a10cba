import { ForbiddenException } from '@nestjs/common';
import { Principal } from '../context/principal';
import { ApiKeyScope, READ_ONLY_ROLES, Role } from '../entities';

/** What a route or GraphQL operation demands of its caller. */
export interface Requirements {
  /** `http` for REST routes, else the GraphQL operation type. */
  operation: 'http' | 'query' | 'mutation' | 'subscription';
  roles?: readonly Role[];
  allowReadOnlyRoles?: boolean;
  scopes?: readonly string[];
}

/** Every authorization rule in one place; throws FORBIDDEN when the principal falls short. */
export function authorize(principal: Principal, requirements: Requirements): void {
  const { operation, roles, allowReadOnlyRoles, scopes } = requirements;
  if (principal.kind === 'system') return;

  if (principal.kind === 'api_key') {
    if (operation === 'http') {
      const missing = (scopes ?? []).filter((scope) => !principal.scopes.includes(scope as ApiKeyScope));
      if (missing.length) throw new ForbiddenException(`This API key lacks the scope ${missing.join(', ')}`);
      return;
    }
    if (!principal.scopes.includes(ApiKeyScope.READ)) {
      throw new ForbiddenException('This API key cannot use the GraphQL API: it needs the read scope');
    }
    if (operation !== 'query') throw new ForbiddenException('API keys can run queries only');
    if (roles?.length) throw new ForbiddenException('Only a signed-in member can do this');
    return;
  }

  if (scopes?.length) throw new ForbiddenException('This route takes an API key');
  if (operation === 'mutation' && READ_ONLY_ROLES.includes(principal.role) && !allowReadOnlyRoles) {
    throw new ForbiddenException(`The ${principal.role} role has read-only access`);
  }
  if (roles?.length && !roles.includes(principal.role)) {
    throw new ForbiddenException(`Only members with the role ${roles.join(' or ')} can do this`);
  }
}
