import { AppMetadata, DatabaseOptions } from '@greenlight/db';
import { CRM_ENTITIES } from '@greenlight/crm';
import { IDENTITY_ENTITIES } from '@greenlight/identity';
import { migrations } from '@greenlight/migrations';
import { TELEMETRY_ENTITIES } from '@greenlight/telemetry';

/** Every entity of every bounded context: the schema the migrations must match. */
export const ENTITIES = [AppMetadata, ...IDENTITY_ENTITIES, ...CRM_ENTITIES, ...TELEMETRY_ENTITIES];

export function databaseOptions(url: string, poolSize?: number): DatabaseOptions {
  return { url, entities: ENTITIES, migrations, poolSize };
}
