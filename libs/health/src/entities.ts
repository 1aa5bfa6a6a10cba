import { Alert } from './alerts/alert.entity';
import { AccountHealthRecord } from './health/account-health.entity';

export { AccountHealthRecord, Alert };

/** Every table the health context owns. */
export const HEALTH_ENTITIES = [AccountHealthRecord, Alert];
