import { MigrationInterface, QueryRunner } from 'typeorm';

export class Pilots1795700100000 implements MigrationInterface {
  name = 'Pilots1795700100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"pilot_integration_kind\" AS ENUM('api', 'editing_suite_plugin', 'pipeline_integration', 'creative_sprint')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"pilot_status\" AS ENUM('proposed', 'scoping', 'active', 'paused', 'succeeded', 'failed', 'converted')",
    );
    await queryRunner.query(
      'CREATE TABLE "pilot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "account_id" uuid NOT NULL, "name" text NOT NULL, "integration_kind" "public"."pilot_integration_kind" NOT NULL, "status" "public"."pilot_status" NOT NULL DEFAULT \'proposed\', "status_changed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "owner_id" uuid, "credit_budget_usd" numeric(14,2) NOT NULL, "notes" text, "archived_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_pilot" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_pilot_workspace_end_date" ON "pilot"  ("workspace_id", "end_date") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_pilot_workspace_owner" ON "pilot"  ("workspace_id", "owner_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_pilot_workspace_account" ON "pilot"  ("workspace_id", "account_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_pilot_workspace_status" ON "pilot"  ("workspace_id", "status") ',
    );
    await queryRunner.query(
      'CREATE TABLE "pilot_status_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "pilot_id" uuid NOT NULL, "account_id" uuid NOT NULL, "from_status" "public"."pilot_status", "to_status" "public"."pilot_status" NOT NULL, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "by_member_id" uuid, "reason" text, CONSTRAINT "PK_pilot_status_change" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_pilot_status_change_account_at" ON "pilot_status_change"  ("workspace_id", "account_id", "at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_pilot_status_change_pilot_at" ON "pilot_status_change"  ("pilot_id", "at") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"pilot_metric\" AS ENUM('generations', 'video_seconds', 'active_users', 'success_rate', 'median_render_seconds', 'spend_usd', 'manual')",
    );
    await queryRunner.query("CREATE TYPE \"public\".\"pilot_comparator\" AS ENUM('at_least', 'at_most')");
    await queryRunner.query(
      'CREATE TABLE "pilot_criterion" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "pilot_id" uuid NOT NULL, "position" integer NOT NULL, "metric" "public"."pilot_metric" NOT NULL, "comparator" "public"."pilot_comparator", "target" numeric(18,4), "label" text, "window_start" date, "window_end" date, "manual_met" boolean, "manual_set_by_id" uuid, "manual_set_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_pilot_criterion" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_pilot_criterion_pilot" ON "pilot_criterion"  ("pilot_id", "position") ',
    );
    await queryRunner.query(
      'ALTER TABLE "pilot" ADD CONSTRAINT "FK_pilot_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "pilot" ADD CONSTRAINT "FK_pilot_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "pilot" ADD CONSTRAINT "FK_pilot_owner" FOREIGN KEY ("owner_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "pilot_status_change" ADD CONSTRAINT "FK_pilot_status_change_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "pilot_status_change" ADD CONSTRAINT "FK_pilot_status_change_pilot" FOREIGN KEY ("pilot_id") REFERENCES "pilot"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "pilot_status_change" ADD CONSTRAINT "FK_pilot_status_change_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "pilot_status_change" ADD CONSTRAINT "FK_pilot_status_change_by_member" FOREIGN KEY ("by_member_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "pilot_criterion" ADD CONSTRAINT "FK_pilot_criterion_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "pilot_criterion" ADD CONSTRAINT "FK_pilot_criterion_pilot" FOREIGN KEY ("pilot_id") REFERENCES "pilot"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "pilot_criterion" ADD CONSTRAINT "FK_pilot_criterion_manual_set_by" FOREIGN KEY ("manual_set_by_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "pilot_criterion" DROP CONSTRAINT "FK_pilot_criterion_manual_set_by"');
    await queryRunner.query('ALTER TABLE "pilot_criterion" DROP CONSTRAINT "FK_pilot_criterion_pilot"');
    await queryRunner.query('ALTER TABLE "pilot_criterion" DROP CONSTRAINT "FK_pilot_criterion_workspace"');
    await queryRunner.query('ALTER TABLE "pilot_status_change" DROP CONSTRAINT "FK_pilot_status_change_by_member"');
    await queryRunner.query('ALTER TABLE "pilot_status_change" DROP CONSTRAINT "FK_pilot_status_change_account"');
    await queryRunner.query('ALTER TABLE "pilot_status_change" DROP CONSTRAINT "FK_pilot_status_change_pilot"');
    await queryRunner.query('ALTER TABLE "pilot_status_change" DROP CONSTRAINT "FK_pilot_status_change_workspace"');
    await queryRunner.query('ALTER TABLE "pilot" DROP CONSTRAINT "FK_pilot_owner"');
    await queryRunner.query('ALTER TABLE "pilot" DROP CONSTRAINT "FK_pilot_account"');
    await queryRunner.query('ALTER TABLE "pilot" DROP CONSTRAINT "FK_pilot_workspace"');
    await queryRunner.query('DROP INDEX "public"."IDX_pilot_criterion_pilot"');
    await queryRunner.query('DROP TABLE "pilot_criterion"');
    await queryRunner.query('DROP TYPE "public"."pilot_comparator"');
    await queryRunner.query('DROP TYPE "public"."pilot_metric"');
    await queryRunner.query('DROP INDEX "public"."IDX_pilot_status_change_pilot_at"');
    await queryRunner.query('DROP INDEX "public"."IDX_pilot_status_change_account_at"');
    await queryRunner.query('DROP TABLE "pilot_status_change"');
    await queryRunner.query('DROP INDEX "public"."IDX_pilot_workspace_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_pilot_workspace_account"');
    await queryRunner.query('DROP INDEX "public"."IDX_pilot_workspace_owner"');
    await queryRunner.query('DROP INDEX "public"."IDX_pilot_workspace_end_date"');
    await queryRunner.query('DROP TABLE "pilot"');
    await queryRunner.query('DROP TYPE "public"."pilot_status"');
    await queryRunner.query('DROP TYPE "public"."pilot_integration_kind"');
  }
}
