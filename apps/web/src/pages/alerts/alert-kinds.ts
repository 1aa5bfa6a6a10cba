import type { AlertKind } from '../../gql/graphql';

export const ALERT_KINDS: AlertKind[] = [
  'NO_RECENT_INTERACTION',
  'USAGE_DROP',
  'PILOT_ENDING_UNMET',
  'PILOT_BUDGET_SPENT',
  'GRANT_CREDIT_NEARLY_SPENT',
  'GRANT_DORMANT',
  'GRANT_EXPIRING_IN_USE',
];

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  NO_RECENT_INTERACTION: 'No recent interaction',
  USAGE_DROP: 'Usage drop',
  PILOT_ENDING_UNMET: 'Pilot ending, criteria unmet',
  PILOT_BUDGET_SPENT: 'Pilot budget spent',
  GRANT_CREDIT_NEARLY_SPENT: 'Grant credit nearly spent',
  GRANT_DORMANT: 'Grant unused',
  GRANT_EXPIRING_IN_USE: 'Grant expiring while in use',
};
