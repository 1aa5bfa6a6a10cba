import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Covering indexes for the usage dashboard (see docs/analytics.md): the per-account rollups of a
 * period for every account at once, read from the index alone. The primary keys lead with the
 * account, which suits one account's history but not a period across thousands of accounts.
 * The rollup tables have no entities, so nothing is declared on one.
 */
export class DashboardIndexes1795700400000 implements MigrationInterface {
  name = 'DashboardIndexes1795700400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_usage_rollup_account_day_period" ON "usage_rollup_account_day" ("workspace_id", "day") INCLUDE ("account_id", "events", "generations", "video_seconds", "cost_usd")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_usage_rollup_account_user_period" ON "usage_rollup_account_user" ("workspace_id", "day") INCLUDE ("account_id", "user_key", "events")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_usage_rollup_account_user_period"`);
    await queryRunner.query(`DROP INDEX "IDX_usage_rollup_account_day_period"`);
  }
}
