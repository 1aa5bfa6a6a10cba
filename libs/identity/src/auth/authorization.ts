import { ForbiddenException } from '@nestjs/common';
import { Principal } from '../context/principal';
import { ApiKeyScope, READ_ONLY_ROLES, Role } from '../entities';

/**
 * What a route or GraphQL operation declares about its callers. Nothing declared lets no one in:
 * members need `members`, API keys need one of `scopes`.
 */
export interface Requirements {
  /** `http` for REST routes, else the GraphQL operation type. */
  operation: 'http' | 'query' | 'mutation' | 'subscription';
  /** Members allowed: `true` for every role, or the roles; absent for none. */
  members?: true | readonly Role[];
  allowReadOnlyRoles?: boolean;
  /** API keys allowed: those holding one of these scopes. */
  scopes?: readonly string[];
}

/** Every authorization rule in one place; throws FORBIDDEN when the principal falls short. */
export function authorize(principal: Principal, requirements: Requirements): void {
  const { operation, members, allowReadOnlyRoles, scopes = [] } = requirements;
  if (principal.kind === 'system') return;

  if (principal.kind === 'api_key') {
    if (!scopes.length) throw new ForbiddenException('Only a signed-in member can do this');
    if (!scopes.some((scope) => principal.scopes.includes(scope as ApiKeyScope)))
      throw new ForbiddenException(`This API key lacks the scope ${scopes.join(' or ')}`);
    if (operation === 'mutation' || operation === 'subscription')
      throw new ForbiddenException('API keys can run queries only');
    return;
  }

  if (!members) {
    throw new ForbiddenException(
      scopes.length ? 'This route takes an API key' : 'No one may call this: it declares no access rule',
    );
  }
  if (operation === 'mutation' && READ_ONLY_ROLES.includes(principal.role) && !allowReadOnlyRoles) {
    throw new ForbiddenException(`The ${principal.role} role has read-only access`);
  }
  if (members !== true && !members.includes(principal.role)) {
    throw new ForbiddenException(`Only members with the role ${members.join(' or ')} can do this`);
  }
}
