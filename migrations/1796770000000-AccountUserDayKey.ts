import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A day's account user rows ordered by user too: the usage dashboard finds one user's attributed
 * events of a day (whether a user of archived accounts used any other account that day) by the index
 * key instead of filtering every user row of the day. The index replaces the one keyed by day alone,
 * with the same columns, so it costs ingestion nothing more; reading a day's rows is unchanged.
 */
export class AccountUserDayKey1796770000000 implements MigrationInterface {
  name = 'AccountUserDayKey1796770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_usage_rollup_account_user_day_user" ON "usage_rollup_account_user" ("workspace_id", "day", "user_key") INCLUDE ("account_id", "events")`,
    );
    await queryRunner.query(`DROP INDEX "IDX_usage_rollup_account_user_period"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_usage_rollup_account_user_period" ON "usage_rollup_account_user" ("workspace_id", "day") INCLUDE ("account_id", "user_key", "events")`,
    );
    await queryRunner.query(`DROP INDEX "IDX_usage_rollup_account_user_day_user"`);
  }
}
