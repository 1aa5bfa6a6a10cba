import type { CreditUnit, GrantStatus } from '../../gql/graphql';
import { Badge } from '../../ui/Badge';
import { formatDay, humanize } from '../../ui/format';

const STATUS_TONES: Record<GrantStatus, 'neutral' | 'green' | 'amber' | 'red' | 'blue' | 'violet'> = {
  OFFERED: 'violet',
  ACTIVE: 'green',
  PAUSED: 'amber',
  REVOKED: 'red',
  EXPIRED: 'neutral',
};

export const GRANT_STATUSES: GrantStatus[] = ['OFFERED', 'ACTIVE', 'PAUSED', 'REVOKED', 'EXPIRED'];

export function GrantStatusBadge({ status }: { status: GrantStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{humanize(status)}</Badge>;
}

/** What a member does by moving a grant to a status. */
export const STATUS_ACTIONS: Record<GrantStatus, string> = {
  OFFERED: 'Offer',
  ACTIVE: 'Activate',
  PAUSED: 'Pause',
  REVOKED: 'Revoke',
  EXPIRED: 'Expire',
};

/** `ACTIVE` from `PAUSED` is a resumption, from `OFFERED` the offer taken up. */
export function statusAction(from: GrantStatus, to: GrantStatus): string {
  return to === 'ACTIVE' && from === 'PAUSED' ? 'Resume' : STATUS_ACTIONS[to];
}

export function formatCredits(amount: number | null | undefined, unit: CreditUnit | null | undefined): string {
  if (amount == null || !unit) return '—';
  return unit === 'USD'
    ? new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 2 }).format(amount)
    : `${new Intl.NumberFormat().format(amount)} generations`;
}

interface Usage {
  creditsUsed?: number | null;
  /** creditsUsed (and so creditsLeft) is an estimate: shown with "≈". */
  creditsUsedEstimated?: boolean;
  creditsLeft?: number | null;
  firstUseOn?: string | null;
  lastUseOn?: string | null;
  activated: boolean;
  dormant: boolean;
}

/** A usage figure in the grant's unit, "≈" before it when it is an estimate. */
export function usageCredits(amount: number | null | undefined, unit: CreditUnit | null | undefined, usage: Usage): string {
  const text = formatCredits(amount, unit);
  return usage.creditsUsedEstimated && amount != null ? `≈ ${text}` : text;
}

/** "$120 used, $380 left" ("≈ $120 used, ≈ $380 left" when estimated), or what there is to say without a limit. */
export function creditsText(grant: { creditUnit?: CreditUnit | null; creditLimit?: number | null }, usage: Usage) {
  if (!grant.creditUnit) return 'No credit limit';
  if (usage.creditsUsed == null) return `${formatCredits(grant.creditLimit, grant.creditUnit)} granted; use not measured`;
  return `${usageCredits(usage.creditsUsed, grant.creditUnit, usage)} used, ${usageCredits(usage.creditsLeft, grant.creditUnit, usage)} left`;
}

export function firstLastUseText(usage: Usage): string {
  if (!usage.firstUseOn) return 'Not used yet';
  return `Used ${formatDay(usage.firstUseOn)} – ${formatDay(usage.lastUseOn)}`;
}

/** Activated and dormant as badges (nothing when neither). */
export function AdoptionBadges({ usage }: { usage: Usage }) {
  return (
    <>
      {usage.activated && <Badge tone="green">Activated</Badge>}
      {usage.dormant && <Badge tone="amber">Dormant</Badge>}
    </>
  );
}
