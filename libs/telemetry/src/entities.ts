import { GeneratorIdentity } from './identities/generator-identity.entity';

export {
  GeneratorIdentity,
  GeneratorIdentityStatus,
  IdentityMatch,
} from './identities/generator-identity.entity';

/**
 * The telemetry tables TypeORM knows. `usage_event` (partitioned by month) and `usage_event_key`
 * are written and read with SQL only: TypeORM cannot describe partitioned tables.
 */
export const TELEMETRY_ENTITIES = [GeneratorIdentity];
