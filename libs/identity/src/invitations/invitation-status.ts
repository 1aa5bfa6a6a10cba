import { registerEnumType } from '@nestjs/graphql';
import { Invitation } from '../entities';

export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}

registerEnumType(InvitationStatus, { name: 'InvitationStatus' });

export function invitationStatus(invitation: Invitation, now = new Date()): InvitationStatus {
  if (invitation.acceptedAt) return InvitationStatus.ACCEPTED;
  if (invitation.revokedAt) return InvitationStatus.REVOKED;
  if (invitation.expiresAt.getTime() <= now.getTime()) return InvitationStatus.EXPIRED;
  return InvitationStatus.PENDING;
}

/** SQL condition for a status, on an invitation aliased `alias`. */
export function invitationStatusCondition(status: InvitationStatus, alias: string): string {
  switch (status) {
    case InvitationStatus.ACCEPTED:
      return `${alias}.accepted_at IS NOT NULL`;
    case InvitationStatus.REVOKED:
      return `${alias}.accepted_at IS NULL AND ${alias}.revoked_at IS NOT NULL`;
    case InvitationStatus.EXPIRED:
      return `${alias}.accepted_at IS NULL AND ${alias}.revoked_at IS NULL AND ${alias}.expires_at <= now()`;
    case InvitationStatus.PENDING:
      return `${alias}.accepted_at IS NULL AND ${alias}.revoked_at IS NULL AND ${alias}.expires_at > now()`;
  }
}
