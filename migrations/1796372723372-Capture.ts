import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Capture of meetings and e-mails: members' calendar subscriptions, the interactions capture logged
 * keyed by event UID and recurrence id or by Message-ID, excluded events, the review queue, and
 * members' BCC tokens. Every table is keyed by (workspace_id, id) with composite foreign keys; a
 * deleted subscription leaves its interactions (only `subscription_id` is cleared).
 */
export class Capture1796372723372 implements MigrationInterface {
  name = 'Capture1796372723372';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "calendar_subscription" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "member_id" uuid NOT NULL, "name" text NOT NULL, "url" text, "etag" text, "last_modified" text, "status" text NOT NULL DEFAULT \'pending\', "last_error" text, "last_polled_at" TIMESTAMP(3) WITH TIME ZONE, "last_success_at" TIMESTAMP(3) WITH TIME ZONE, "events_imported" integer NOT NULL DEFAULT \'0\', "next_poll_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_calendar_subscription" PRIMARY KEY ("workspace_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_calendar_subscription_member" ON "calendar_subscription"  ("workspace_id", "member_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_calendar_subscription_due" ON "calendar_subscription"  ("next_poll_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "captured_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "interaction_id" uuid NOT NULL, "source" text NOT NULL, "external_id" text NOT NULL, "recurrence_id" text NOT NULL DEFAULT \'\', "subscription_id" uuid, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "sequence" integer NOT NULL DEFAULT \'0\', "fingerprint" text NOT NULL, "cancelled_at" TIMESTAMP(3) WITH TIME ZONE, "notes" text, "participants" text array NOT NULL DEFAULT \'{}\', "thread_key" text, "attachments" jsonb NOT NULL DEFAULT \'[]\', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_captured_item_key" UNIQUE ("workspace_id", "source", "external_id", "recurrence_id"), CONSTRAINT "PK_captured_item" PRIMARY KEY ("workspace_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_captured_item_subscription" ON "captured_item"  ("workspace_id", "subscription_id", "occurred_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_captured_item_interaction" ON "captured_item"  ("workspace_id", "interaction_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "capture_exclusion" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "uid" text NOT NULL, "recurrence_id" text NOT NULL DEFAULT \'\', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_capture_exclusion_event" UNIQUE ("workspace_id", "uid", "recurrence_id"), CONSTRAINT "PK_capture_exclusion" PRIMARY KEY ("workspace_id", "id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "capture_suggestion" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "kind" text NOT NULL, "key" text NOT NULL, "status" text NOT NULL DEFAULT \'pending\', "label" text NOT NULL, "account_id" uuid, "member_id" uuid NOT NULL, "message" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_capture_suggestion_key" UNIQUE ("workspace_id", "kind", "key"), CONSTRAINT "PK_capture_suggestion" PRIMARY KEY ("workspace_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_capture_suggestion_status" ON "capture_suggestion"  ("workspace_id", "status", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "mail_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "member_id" uuid NOT NULL, "token" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_mail_token_member" UNIQUE ("workspace_id", "member_id"), CONSTRAINT "PK_mail_token" PRIMARY KEY ("workspace_id", "id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_mail_token_token" ON "mail_token"  ("token") ');
    await queryRunner.query(
      'ALTER TABLE "calendar_subscription" ADD CONSTRAINT "FK_calendar_subscription_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "calendar_subscription" ADD CONSTRAINT "FK_calendar_subscription_member" FOREIGN KEY ("workspace_id", "member_id") REFERENCES "membership"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "captured_item" ADD CONSTRAINT "FK_captured_item_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "captured_item" ADD CONSTRAINT "FK_captured_item_subscription" FOREIGN KEY ("workspace_id", "subscription_id") REFERENCES "calendar_subscription"("workspace_id","id") ON DELETE SET NULL ("subscription_id") ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "captured_item" ADD CONSTRAINT "FK_captured_item_interaction" FOREIGN KEY ("workspace_id", "interaction_id") REFERENCES "interaction"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "capture_exclusion" ADD CONSTRAINT "FK_capture_exclusion_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "capture_suggestion" ADD CONSTRAINT "FK_capture_suggestion_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "capture_suggestion" ADD CONSTRAINT "FK_capture_suggestion_member" FOREIGN KEY ("workspace_id", "member_id") REFERENCES "membership"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "capture_suggestion" ADD CONSTRAINT "FK_capture_suggestion_account" FOREIGN KEY ("workspace_id", "account_id") REFERENCES "account"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "mail_token" ADD CONSTRAINT "FK_mail_token_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "mail_token" ADD CONSTRAINT "FK_mail_token_member" FOREIGN KEY ("workspace_id", "member_id") REFERENCES "membership"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "mail_token" DROP CONSTRAINT "FK_mail_token_member"');
    await queryRunner.query('ALTER TABLE "mail_token" DROP CONSTRAINT "FK_mail_token_workspace"');
    await queryRunner.query(
      'ALTER TABLE "capture_suggestion" DROP CONSTRAINT "FK_capture_suggestion_account"',
    );
    await queryRunner.query(
      'ALTER TABLE "capture_suggestion" DROP CONSTRAINT "FK_capture_suggestion_member"',
    );
    await queryRunner.query(
      'ALTER TABLE "capture_suggestion" DROP CONSTRAINT "FK_capture_suggestion_workspace"',
    );
    await queryRunner.query(
      'ALTER TABLE "capture_exclusion" DROP CONSTRAINT "FK_capture_exclusion_workspace"',
    );
    await queryRunner.query('ALTER TABLE "captured_item" DROP CONSTRAINT "FK_captured_item_interaction"');
    await queryRunner.query('ALTER TABLE "captured_item" DROP CONSTRAINT "FK_captured_item_subscription"');
    await queryRunner.query('ALTER TABLE "captured_item" DROP CONSTRAINT "FK_captured_item_workspace"');
    await queryRunner.query(
      'ALTER TABLE "calendar_subscription" DROP CONSTRAINT "FK_calendar_subscription_member"',
    );
    await queryRunner.query(
      'ALTER TABLE "calendar_subscription" DROP CONSTRAINT "FK_calendar_subscription_workspace"',
    );
    await queryRunner.query('DROP INDEX "public"."UQ_mail_token_token"');
    await queryRunner.query('DROP TABLE "mail_token"');
    await queryRunner.query('DROP INDEX "public"."IDX_capture_suggestion_status"');
    await queryRunner.query('DROP TABLE "capture_suggestion"');
    await queryRunner.query('DROP TABLE "capture_exclusion"');
    await queryRunner.query('DROP INDEX "public"."IDX_captured_item_interaction"');
    await queryRunner.query('DROP INDEX "public"."IDX_captured_item_subscription"');
    await queryRunner.query('DROP TABLE "captured_item"');
    await queryRunner.query('DROP INDEX "public"."IDX_calendar_subscription_due"');
    await queryRunner.query('DROP INDEX "public"."IDX_calendar_subscription_member"');
    await queryRunner.query('DROP TABLE "calendar_subscription"');
  }
}
