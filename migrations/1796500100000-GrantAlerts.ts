import { MigrationInterface, QueryRunner } from 'typeorm';

const NO_ID = "'00000000-0000-0000-0000-000000000000'::uuid";

/**
 * Alerts about access grants: three kinds, and the grant an alert is about (its unresolved alert
 * stays unique per kind, account, pilot and grant).
 */
export class GrantAlerts1796500100000 implements MigrationInterface {
  name = 'GrantAlerts1796500100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const kind of ['grant_credit_nearly_spent', 'grant_expiring_in_use', 'grant_dormant'])
      await queryRunner.query(`ALTER TYPE "public"."alert_kind" ADD VALUE IF NOT EXISTS '${kind}'`);
    await queryRunner.query('ALTER TABLE "alert" ADD "grant_id" uuid');
    await queryRunner.query('CREATE INDEX "IDX_alert_grant" ON "alert" ("workspace_id", "grant_id")');
    await queryRunner.query(
      'ALTER TABLE "alert" ADD CONSTRAINT "FK_alert_grant" FOREIGN KEY ("workspace_id", "grant_id") REFERENCES "access_grant"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query('DROP INDEX "public"."UQ_alert_active"');
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_alert_active" ON "alert" ("workspace_id", "kind", "account_id", COALESCE("pilot_id", ${NO_ID}), COALESCE("grant_id", ${NO_ID})) WHERE "status" <> 'resolved'`,
    );
  }

  /** PostgreSQL cannot drop an enum label: the three kinds stay in `alert_kind`, unused, and `up` adds only those missing. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "alert" WHERE "kind"::text LIKE 'grant\\_%'`);
    await queryRunner.query('DROP INDEX "public"."UQ_alert_active"');
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_alert_active" ON "alert" ("workspace_id", "kind", "account_id", COALESCE("pilot_id", ${NO_ID})) WHERE "status" <> 'resolved'`,
    );
    await queryRunner.query('ALTER TABLE "alert" DROP CONSTRAINT "FK_alert_grant"');
    await queryRunner.query('DROP INDEX "public"."IDX_alert_grant"');
    await queryRunner.query('ALTER TABLE "alert" DROP COLUMN "grant_id"');
  }
}
