import { SetMetadata } from '@nestjs/common';
import { ApiKeyScope, Role } from '../entities';

export const IS_PUBLIC = 'greenlight:public';
export const MEMBERS = 'greenlight:members';
export const ALLOW_READ_ONLY_ROLES = 'greenlight:allowReadOnlyRoles';
export const API_KEY_SCOPES = 'greenlight:apiKeyScopes';

/** The access decorators: a handler declaring any of them replaces its class's declaration. */
export const ACCESS_METADATA = [IS_PUBLIC, MEMBERS, API_KEY_SCOPES] as const;

/** Anyone may call this, signed in or not. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Any signed-in member of the workspace, whatever their role. */
export const SignedIn = () => SetMetadata(MEMBERS, true);

/** Only signed-in members with one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(MEMBERS, roles);

/** API keys holding one of these scopes may call this too (alone: only they may). */
export const ApiKeys = (...scopes: `${ApiKeyScope}`[]) => SetMetadata(API_KEY_SCOPES, scopes);

/**
 * Lets read-only roles (EXECUTIVE) run this mutation: only for self-service session changes such
 * as signing out, never for changes to workspace data.
 */
export const AllowReadOnlyRoles = () => SetMetadata(ALLOW_READ_ONLY_ROLES, true);
