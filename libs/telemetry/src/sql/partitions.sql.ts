import { sql, sqlStatements } from '@greenlight/identity';

const UPKEEP = 'partitions of usage_event hold every workspace';
/** The monthly partitions of usage_event, named by the function that creates them. */
const MONTHLY_PARTITION = /^usage_event_\d{4}_\d{2}$/;

export const partitionsSql = sqlStatements('telemetry.partitions', {
  ensure: {
    acrossWorkspaces: UPKEEP,
    examples: [[3, 1]],
    build: (monthsAhead: number, monthsBehind: number) =>
      sql`SELECT usage_event_ensure_partitions(${monthsAhead}, ${monthsBehind}) AS created`,
  },
  list: {
    acrossWorkspaces: UPKEEP,
    examples: [[]],
    build: () => sql`
      SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bounds
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'usage_event'::regclass ORDER BY c.relname`,
  },
  /** Records the first day whose raw events retention keeps; it only moves forward. */
  retainFrom: {
    acrossWorkspaces: UPKEEP,
    examples: [['telemetry.usageRetainedFrom', '2026-01-01']],
    build: (key: string, day: string) => sql`
      INSERT INTO app_metadata (key, value) VALUES (${key}, to_jsonb(${day}::text))
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
      WHERE app_metadata.value #>> '{}' < EXCLUDED.value #>> '{}'`,
  },
  lockTimeout: {
    acrossWorkspaces: UPKEEP,
    examples: [['5s']],
    build: (timeout: string) => sql`SELECT set_config('lock_timeout', ${timeout}, true)`,
  },
  detach: {
    acrossWorkspaces: UPKEEP,
    examples: [['usage_event_2026_01']],
    build: (name: string) =>
      sql`ALTER TABLE usage_event DETACH PARTITION ${sql.identifier(name, MONTHLY_PARTITION)}`,
  },
  drop: {
    acrossWorkspaces: UPKEEP,
    examples: [['usage_event_2026_01']],
    build: (name: string) => sql`DROP TABLE ${sql.identifier(name, MONTHLY_PARTITION)}`,
  },
  purgeDefaultBefore: {
    acrossWorkspaces: UPKEEP,
    examples: [[new Date('2026-01-01T00:00:00Z')]],
    build: (cutoff: Date) => sql`DELETE FROM usage_event_default WHERE occurred_at < ${cutoff}`,
  },
});
