import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox of domain events, and webhooks: endpoints, one delivery per event and
 * endpoint (its id is the stable `webhook-id`), and the log of every attempt.
 */
export class Webhooks1796730000000 implements MigrationInterface {
  name = 'Webhooks1796730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "outbox_event" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "workspace_id" uuid NOT NULL,
      "type" text NOT NULL,
      "version" smallint NOT NULL DEFAULT 1,
      "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "data" jsonb NOT NULL,
      CONSTRAINT "PK_outbox_event" PRIMARY KEY ("workspace_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_outbox_event_occurred" ON "outbox_event" ("occurred_at", "id")`);
    await queryRunner.query(
      `ALTER TABLE "outbox_event" ADD CONSTRAINT "FK_outbox_event_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`CREATE TYPE "public"."webhook_format" AS ENUM('standard', 'slack')`);
    await queryRunner.query(`CREATE TABLE "webhook_endpoint" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "workspace_id" uuid NOT NULL,
      "url" text NOT NULL,
      "description" text NOT NULL DEFAULT '',
      "event_types" text array NOT NULL,
      "format" "public"."webhook_format" NOT NULL DEFAULT 'standard',
      "secret" text NOT NULL,
      "enabled" boolean NOT NULL DEFAULT true,
      "disabled_reason" text,
      "failing_since" TIMESTAMP(3) WITH TIME ZONE,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_webhook_endpoint" PRIMARY KEY ("workspace_id", "id"))`);
    await queryRunner.query(
      `CREATE INDEX "IDX_webhook_endpoint_workspace_created" ON "webhook_endpoint" ("workspace_id", "created_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "FK_webhook_endpoint_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`CREATE TYPE "public"."webhook_delivery_status" AS ENUM('pending', 'delivered', 'failed')`);
    await queryRunner.query(`CREATE TABLE "webhook_delivery" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "workspace_id" uuid NOT NULL,
      "endpoint_id" uuid NOT NULL,
      "event_id" uuid NOT NULL,
      "event_type" text NOT NULL,
      "payload" jsonb NOT NULL,
      "status" "public"."webhook_delivery_status" NOT NULL DEFAULT 'pending',
      "attempts" integer NOT NULL DEFAULT 0,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "enqueued_at" TIMESTAMP(3) WITH TIME ZONE,
      "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE,
      "last_attempt_at" TIMESTAMP(3) WITH TIME ZONE,
      "delivered_at" TIMESTAMP(3) WITH TIME ZONE,
      "last_status_code" integer,
      "last_error" text,
      CONSTRAINT "PK_webhook_delivery" PRIMARY KEY ("workspace_id", "id"))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_webhook_delivery_event" ON "webhook_delivery" ("workspace_id", "endpoint_id", "event_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_webhook_delivery_endpoint_created" ON "webhook_delivery" ("workspace_id", "endpoint_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_webhook_delivery_unqueued" ON "webhook_delivery" ("created_at") WHERE "enqueued_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_webhook_delivery_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_webhook_delivery_endpoint" FOREIGN KEY ("workspace_id", "endpoint_id") REFERENCES "webhook_endpoint"("workspace_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`CREATE TABLE "webhook_attempt" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "workspace_id" uuid NOT NULL,
      "delivery_id" uuid NOT NULL,
      "attempt" integer NOT NULL,
      "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
      "duration_ms" integer NOT NULL,
      "status_code" integer,
      "succeeded" boolean NOT NULL,
      "error" text,
      "manual" boolean NOT NULL DEFAULT false,
      CONSTRAINT "PK_webhook_attempt" PRIMARY KEY ("workspace_id", "id"))`);
    await queryRunner.query(
      `CREATE INDEX "IDX_webhook_attempt_delivery" ON "webhook_attempt" ("workspace_id", "delivery_id", "attempt")`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_attempt" ADD CONSTRAINT "FK_webhook_attempt_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_attempt" ADD CONSTRAINT "FK_webhook_attempt_delivery" FOREIGN KEY ("workspace_id", "delivery_id") REFERENCES "webhook_delivery"("workspace_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_attempt"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP TYPE "public"."webhook_delivery_status"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoint"`);
    await queryRunner.query(`DROP TYPE "public"."webhook_format"`);
    await queryRunner.query(`DROP TABLE "outbox_event"`);
  }
}
