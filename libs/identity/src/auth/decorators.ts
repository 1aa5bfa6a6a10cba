import { SetMetadata } from '@nestjs/common';
import { ApiKeyScope, Role } from '../entities';

export const IS_PUBLIC = 'greenlight:public';
export const ROLES = 'greenlight:roles';
export const ALLOW_READ_ONLY_ROLES = 'greenlight:allowReadOnlyRoles';
export const REQUIRED_SCOPES = 'greenlight:scopes';

/** Anyone may call this, signed in or not. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only members with one of these roles (API keys never qualify). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/**
 * Lets read-only roles (EXECUTIVE) run this mutation: only for self-service session changes such
 * as signing out, never for changes to workspace data.
 */
export const AllowReadOnlyRoles = () => SetMetadata(ALLOW_READ_ONLY_ROLES, true);

/** A REST route for machines: needs an API key holding every one of these scopes. */
export const RequireScopes = (...scopes: `${ApiKeyScope}`[]) => SetMetadata(REQUIRED_SCOPES, scopes);
