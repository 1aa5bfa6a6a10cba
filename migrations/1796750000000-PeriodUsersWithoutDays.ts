import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['usage_rollup_account_period_user', 'usage_rollup_workspace_period_user', 'usage_rollup_attributed_period_user'];

/**
 * The period user tables keep weeks and months only: a day's users are the day user tables' rows
 * (`usage_rollup_account_user`, `usage_rollup_workspace_user`), which the worker writes anyway.
 */
export class PeriodUsersWithoutDays1796750000000 implements MigrationInterface {
  name = 'PeriodUsersWithoutDays1796750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`DELETE FROM "${table}" WHERE "grain" = 'day'`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_grain_check"`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_grain_check" CHECK ("grain" IN ('week', 'month'))`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const grains = `CROSS JOIN (VALUES ('day')) AS g(grain)`;
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_grain_check"`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${table}_grain_check" CHECK ("grain" IN ('day', 'week', 'month'))`,
      );
    }
    await queryRunner.query(
      `INSERT INTO "usage_rollup_account_period_user" ("workspace_id", "account_id", "grain", "day", "user_key", "events")
       SELECT u.workspace_id, u.account_id, g.grain, u.day, u.user_key, sum(u.events)
       FROM "usage_rollup_account_user" u ${grains} GROUP BY 1, 2, 3, 4, 5`,
    );
    await queryRunner.query(
      `INSERT INTO "usage_rollup_workspace_period_user" ("workspace_id", "grain", "day", "user_key", "events")
       SELECT u.workspace_id, g.grain, u.day, u.user_key, sum(u.events)
       FROM "usage_rollup_workspace_user" u ${grains} GROUP BY 1, 2, 3, 4`,
    );
    await queryRunner.query(
      `INSERT INTO "usage_rollup_attributed_period_user" ("workspace_id", "grain", "day", "user_key", "events")
       SELECT u.workspace_id, u.grain, u.day, u.user_key, sum(u.events)
       FROM "usage_rollup_account_period_user" u WHERE u.grain = 'day' GROUP BY 1, 2, 3, 4`,
    );
  }
}
