import { MigrationInterface, QueryRunner } from 'typeorm';

export class HealthAndAlerts1795700200000 implements MigrationInterface {
  name = 'HealthAndAlerts1795700200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "account_health" ("account_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "score" smallint NOT NULL, "reasons" jsonb NOT NULL, "computed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_account_health" PRIMARY KEY ("account_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_account_health_workspace_score" ON "account_health"  ("workspace_id", "score", "account_id") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"alert_kind\" AS ENUM('usage_drop', 'pilot_ending_unmet', 'pilot_budget_spent', 'no_recent_interaction')",
    );
    await queryRunner.query("CREATE TYPE \"public\".\"alert_status\" AS ENUM('open', 'acknowledged', 'resolved')");
    await queryRunner.query("CREATE TYPE \"public\".\"alert_severity\" AS ENUM('warning', 'critical')");
    await queryRunner.query(
      'CREATE TABLE "alert" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "kind" "public"."alert_kind" NOT NULL, "status" "public"."alert_status" NOT NULL DEFAULT \'open\', "severity" "public"."alert_severity" NOT NULL, "account_id" uuid NOT NULL, "pilot_id" uuid, "message" text NOT NULL, "details" jsonb NOT NULL DEFAULT \'{}\', "first_raised_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "last_evaluated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "acknowledged_by_id" uuid, "acknowledged_at" TIMESTAMP(3) WITH TIME ZONE, "acknowledgement_note" text, "resolved_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_alert" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_alert_pilot" ON "alert"  ("pilot_id") ');
    await queryRunner.query('CREATE INDEX "IDX_alert_account" ON "alert"  ("account_id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_alert_workspace_status_raised" ON "alert"  ("workspace_id", "status", "first_raised_at") ',
    );
    // One unresolved alert per kind, account and pilot: deduplication holds even for concurrent evaluations.
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_alert_active" ON "alert" ("workspace_id", "kind", "account_id", COALESCE("pilot_id", \'00000000-0000-0000-0000-000000000000\'::uuid)) WHERE "status" <> \'resolved\'',
    );
    await queryRunner.query(
      'ALTER TABLE "account_health" ADD CONSTRAINT "FK_account_health_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "account_health" ADD CONSTRAINT "FK_account_health_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "alert" ADD CONSTRAINT "FK_alert_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "alert" ADD CONSTRAINT "FK_alert_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "alert" ADD CONSTRAINT "FK_alert_pilot" FOREIGN KEY ("pilot_id") REFERENCES "pilot"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "alert" ADD CONSTRAINT "FK_alert_acknowledged_by" FOREIGN KEY ("acknowledged_by_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "alert" DROP CONSTRAINT "FK_alert_acknowledged_by"');
    await queryRunner.query('ALTER TABLE "alert" DROP CONSTRAINT "FK_alert_pilot"');
    await queryRunner.query('ALTER TABLE "alert" DROP CONSTRAINT "FK_alert_account"');
    await queryRunner.query('ALTER TABLE "alert" DROP CONSTRAINT "FK_alert_workspace"');
    await queryRunner.query('ALTER TABLE "account_health" DROP CONSTRAINT "FK_account_health_workspace"');
    await queryRunner.query('ALTER TABLE "account_health" DROP CONSTRAINT "FK_account_health_account"');
    await queryRunner.query('DROP INDEX "public"."UQ_alert_active"');
    await queryRunner.query('DROP INDEX "public"."IDX_alert_workspace_status_raised"');
    await queryRunner.query('DROP INDEX "public"."IDX_alert_account"');
    await queryRunner.query('DROP INDEX "public"."IDX_alert_pilot"');
    await queryRunner.query('DROP TABLE "alert"');
    await queryRunner.query('DROP TYPE "public"."alert_severity"');
    await queryRunner.query('DROP TYPE "public"."alert_status"');
    await queryRunner.query('DROP TYPE "public"."alert_kind"');
    await queryRunner.query('DROP INDEX "public"."IDX_account_health_workspace_score"');
    await queryRunner.query('DROP TABLE "account_health"');
  }
}
