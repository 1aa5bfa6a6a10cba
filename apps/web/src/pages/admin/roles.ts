import type { Role } from '../../gql/graphql';

export const ROLES: Role[] = ['ADMIN', 'PARTNERSHIPS', 'ACCOUNT_MANAGER', 'EXECUTIVE'];
