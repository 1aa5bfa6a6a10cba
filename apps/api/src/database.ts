import { AppMetadata, DatabaseOptions, RequestDatabaseLimits } from '@greenlight/db';
import { CAPTURE_ENTITIES } from '@greenlight/capture';
import { CRM_ENTITIES } from '@greenlight/crm';
import { GRANTS_ENTITIES } from '@greenlight/grants';
import { HEALTH_ENTITIES } from '@greenlight/health';
import { IDENTITY_ENTITIES } from '@greenlight/identity';
import { migrations } from '@greenlight/migrations';
import { PILOTS_ENTITIES } from '@greenlight/pilots';
import { TELEMETRY_ENTITIES } from '@greenlight/telemetry';
import { WEBHOOKS_ENTITIES } from '@greenlight/webhooks';

/** Every entity of every bounded context: the schema the migrations must match. */
export const ENTITIES = [AppMetadata, ...IDENTITY_ENTITIES, ...CRM_ENTITIES, ...TELEMETRY_ENTITIES, ...PILOTS_ENTITIES, ...GRANTS_ENTITIES, ...HEALTH_ENTITIES, ...CAPTURE_ENTITIES, ...WEBHOOKS_ENTITIES];

export function databaseOptions(
  url: string,
  poolSize?: number,
  requestLimits?: RequestDatabaseLimits,
): DatabaseOptions {
  return { url, entities: ENTITIES, migrations, poolSize, requestLimits };
}
