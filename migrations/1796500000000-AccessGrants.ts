import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access grants to the generator (an account or a contact: seats, credits, models, days, approver,
 * status) and their history. Composite keys and foreign keys start with the workspace; SET NULL
 * clears the reference column only.
 */
export class AccessGrants1796500000000 implements MigrationInterface {
  name = 'AccessGrants1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TYPE "public"."grant_subject_kind" AS ENUM(\'account\', \'contact\')');
    await queryRunner.query('CREATE TYPE "public"."credit_unit" AS ENUM(\'usd\', \'generations\')');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"grant_status\" AS ENUM('offered', 'active', 'paused', 'revoked', 'expired')",
    );
    await queryRunner.query(
      'CREATE TABLE "access_grant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "subject_kind" "public"."grant_subject_kind" NOT NULL, "account_id" uuid, "contact_id" uuid, "pilot_id" uuid, "seats" integer, "credit_unit" "public"."credit_unit", "credit_limit" numeric(14,2), "model_tier" text, "models" text array NOT NULL DEFAULT \'{}\', "starts_on" date NOT NULL, "expires_on" date, "approved_by_id" uuid, "status" "public"."grant_status" NOT NULL, "status_changed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "notes" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_access_grant_dates" CHECK ("expires_on" IS NULL OR "expires_on" >= "starts_on"), CONSTRAINT "CHK_access_grant_credits" CHECK (("credit_unit" IS NULL) = ("credit_limit" IS NULL)), CONSTRAINT "CHK_access_grant_subject" CHECK (("subject_kind" = \'account\' AND "account_id" IS NOT NULL AND "contact_id" IS NULL) OR ("subject_kind" = \'contact\' AND "contact_id" IS NOT NULL AND "account_id" IS NULL AND "seats" IS NULL)), CONSTRAINT "PK_access_grant" PRIMARY KEY ("workspace_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_access_grant_status_expires" ON "access_grant"  ("status", "expires_on") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_access_grant_workspace_contact" ON "access_grant"  ("workspace_id", "contact_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_access_grant_workspace_account" ON "access_grant"  ("workspace_id", "account_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_access_grant_workspace_status" ON "access_grant"  ("workspace_id", "status") ',
    );
    await queryRunner.query(
      'CREATE TABLE "access_grant_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "grant_id" uuid NOT NULL, "from_status" "public"."grant_status", "to_status" "public"."grant_status" NOT NULL, "expires_on" date, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "by_member_id" uuid, "reason" text, CONSTRAINT "PK_access_grant_change" PRIMARY KEY ("workspace_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_access_grant_change_grant_at" ON "access_grant_change"  ("workspace_id", "grant_id", "at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "access_grant" ADD CONSTRAINT "FK_access_grant_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "access_grant" ADD CONSTRAINT "FK_access_grant_approved_by" FOREIGN KEY ("workspace_id", "approved_by_id") REFERENCES "membership"("workspace_id","id") ON DELETE SET NULL ("approved_by_id") ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "access_grant" ADD CONSTRAINT "FK_access_grant_pilot" FOREIGN KEY ("workspace_id", "pilot_id") REFERENCES "pilot"("workspace_id","id") ON DELETE SET NULL ("pilot_id") ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "access_grant" ADD CONSTRAINT "FK_access_grant_contact" FOREIGN KEY ("workspace_id", "contact_id") REFERENCES "contact"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "access_grant" ADD CONSTRAINT "FK_access_grant_account" FOREIGN KEY ("workspace_id", "account_id") REFERENCES "account"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "access_grant_change" ADD CONSTRAINT "FK_access_grant_change_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "access_grant_change" ADD CONSTRAINT "FK_access_grant_change_by_member" FOREIGN KEY ("workspace_id", "by_member_id") REFERENCES "membership"("workspace_id","id") ON DELETE SET NULL ("by_member_id") ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "access_grant_change" ADD CONSTRAINT "FK_access_grant_change_grant" FOREIGN KEY ("workspace_id", "grant_id") REFERENCES "access_grant"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "access_grant_change" DROP CONSTRAINT "FK_access_grant_change_grant"',
    );
    await queryRunner.query(
      'ALTER TABLE "access_grant_change" DROP CONSTRAINT "FK_access_grant_change_by_member"',
    );
    await queryRunner.query(
      'ALTER TABLE "access_grant_change" DROP CONSTRAINT "FK_access_grant_change_workspace"',
    );
    await queryRunner.query('ALTER TABLE "access_grant" DROP CONSTRAINT "FK_access_grant_account"');
    await queryRunner.query('ALTER TABLE "access_grant" DROP CONSTRAINT "FK_access_grant_contact"');
    await queryRunner.query('ALTER TABLE "access_grant" DROP CONSTRAINT "FK_access_grant_pilot"');
    await queryRunner.query('ALTER TABLE "access_grant" DROP CONSTRAINT "FK_access_grant_approved_by"');
    await queryRunner.query('ALTER TABLE "access_grant" DROP CONSTRAINT "FK_access_grant_workspace"');
    await queryRunner.query('DROP INDEX "public"."IDX_access_grant_change_grant_at"');
    await queryRunner.query('DROP TABLE "access_grant_change"');
    await queryRunner.query('DROP INDEX "public"."IDX_access_grant_workspace_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_access_grant_workspace_account"');
    await queryRunner.query('DROP INDEX "public"."IDX_access_grant_workspace_contact"');
    await queryRunner.query('DROP INDEX "public"."IDX_access_grant_status_expires"');
    await queryRunner.query('DROP TABLE "access_grant"');
    await queryRunner.query('DROP TYPE "public"."grant_status"');
    await queryRunner.query('DROP TYPE "public"."credit_unit"');
    await queryRunner.query('DROP TYPE "public"."grant_subject_kind"');
  }
}
