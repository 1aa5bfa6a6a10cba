import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Covering index for the usage dashboard (see docs/analytics.md): the workspace user rollups of a
 * period (active users), read from the index alone, like the account user rollups
 * (`IDX_usage_rollup_account_user_period`). The rollup tables have no entities.
 */
export class DashboardSpeed1795700500000 implements MigrationInterface {
  name = 'DashboardSpeed1795700500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_usage_rollup_workspace_user_period" ON "usage_rollup_workspace_user" ("workspace_id", "day") INCLUDE ("user_key", "events")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_usage_rollup_workspace_user_period"`);
  }
}
