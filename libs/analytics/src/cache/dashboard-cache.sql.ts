import { sql, sqlStatements } from '@greenlight/identity';

export const dashboardCacheSql = sqlStatements('analytics.cache', {
  /** The current workspace's data version (`dashboard_data_version`); none yet is version 0. */
  version: {
    examples: [[]],
    build: () => sql`
      SELECT coalesce((SELECT version FROM dashboard_data_version WHERE workspace_id = ${sql.workspace}), 0)::text AS version`,
  },
});
