import { registerEnumType } from '@nestjs/graphql';

export enum AlertKind {
  USAGE_DROP = 'usage_drop',
  PILOT_ENDING_UNMET = 'pilot_ending_unmet',
  PILOT_BUDGET_SPENT = 'pilot_budget_spent',
  NO_RECENT_INTERACTION = 'no_recent_interaction',
  GRANT_CREDIT_NEARLY_SPENT = 'grant_credit_nearly_spent',
  GRANT_EXPIRING_IN_USE = 'grant_expiring_in_use',
  GRANT_DORMANT = 'grant_dormant',
}

export enum AlertStatus {
  OPEN = 'open',
  ACKNOWLEDGED = 'acknowledged',
  RESOLVED = 'resolved',
}

export enum AlertSeverity {
  WARNING = 'warning',
  CRITICAL = 'critical',
}

registerEnumType(AlertKind, { name: 'AlertKind' });
registerEnumType(AlertStatus, {
  name: 'AlertStatus',
  valuesMap: {
    OPEN: { description: 'Raised and not yet seen to.' },
    ACKNOWLEDGED: { description: 'Seen to by a member; not raised again until its condition clears.' },
    RESOLVED: { description: 'Its condition cleared.' },
  },
});
registerEnumType(AlertSeverity, { name: 'AlertSeverity' });
