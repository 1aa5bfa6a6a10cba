import { ApiKey } from './api-key.entity';
import { AuditEntry } from './audit-entry.entity';
import { Invitation } from './invitation.entity';
import { Membership } from './membership.entity';
import { RefreshToken } from './refresh-token.entity';
import { SignInThrottle } from './sign-in-throttle.entity';
import { TenantEntity } from './tenant-entity';
import { User } from './user.entity';
import { Workspace } from './workspace.entity';
import { OutboxEvent } from '../outbox/outbox-event.entity';

export * from './enums';
export {
  ApiKey,
  AuditEntry,
  OutboxEvent,
  Invitation,
  Membership,
  RefreshToken,
  SignInThrottle,
  TenantEntity,
  User,
  Workspace,
};

/** The identity context's tables. */
export const IDENTITY_ENTITIES = [
  Workspace,
  User,
  Membership,
  Invitation,
  RefreshToken,
  ApiKey,
  AuditEntry,
  SignInThrottle,
  OutboxEvent,
];
