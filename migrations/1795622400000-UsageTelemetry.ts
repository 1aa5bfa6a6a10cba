import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usage telemetry: generator identities (a TypeORM entity), and the raw usage events, written and
 * read with SQL only because TypeORM cannot describe partitioned tables:
 * - `usage_event` is partitioned by RANGE on `occurred_at`, one partition per UTC month, created
 *   ahead by `usage_event_ensure_partitions()`, with a default partition for any other time;
 * - `usage_event_key` holds `(workspace_id, event_id)` once: a unique key on the partitioned table
 *   would have to include `occurred_at`, so a retry with another time would slip through. Ingestion
 *   inserts the key first (ON CONFLICT DO NOTHING) and only new keys reach `usage_event`.
 */
export class UsageTelemetry1795622400000 implements MigrationInterface {
  name = 'UsageTelemetry1795622400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "generator_identity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "identity_key" text NOT NULL, "org_id" text, "project_id" text, "email_domain" text, "status" text NOT NULL, "matched_by" text, "account_id" uuid, "first_seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "event_count" bigint NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_generator_identity" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_generator_identity_workspace_key" ON "generator_identity" ("workspace_id", "identity_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_generator_identity_workspace_status_seen" ON "generator_identity" ("workspace_id", "status", "last_seen_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_generator_identity_workspace_org" ON "generator_identity" ("workspace_id", "org_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "generator_identity" ADD CONSTRAINT "FK_generator_identity_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "generator_identity" ADD CONSTRAINT "FK_generator_identity_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `CREATE TABLE "usage_event_key" ("workspace_id" uuid NOT NULL, "event_id" text NOT NULL, "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_usage_event_key" PRIMARY KEY ("workspace_id", "event_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "usage_event" (
        "workspace_id" uuid NOT NULL,
        "event_id" text NOT NULL,
        "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "kind" text NOT NULL,
        "org_id" text,
        "project_id" text,
        "user_email" text,
        "model" text,
        "video_seconds" double precision,
        "resolution" text,
        "gpu_seconds" double precision,
        "cost_usd" numeric(18,6),
        "status" text,
        "properties" jsonb NOT NULL DEFAULT '{}',
        "account_id" uuid,
        "identity_id" uuid,
        "api_key_id" uuid
      ) PARTITION BY RANGE ("occurred_at")`,
    );
    await queryRunner.query(`CREATE TABLE "usage_event_default" PARTITION OF "usage_event" DEFAULT`);
    await queryRunner.query(
      `CREATE INDEX "IDX_usage_event_occurred_at" ON "usage_event" USING brin ("occurred_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_usage_event_workspace_identity_occurred" ON "usage_event" ("workspace_id", "identity_id", "occurred_at")`,
    );
    await queryRunner.query(`
      CREATE FUNCTION usage_event_ensure_partitions(months_ahead integer DEFAULT 3, months_behind integer DEFAULT 1)
      RETURNS integer LANGUAGE plpgsql AS $fn$
      DECLARE
        first_month date := (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => months_behind))::date;
        month_start date;
        low text;
        high text;
        part text;
        created integer := 0;
      BEGIN
        -- one caller at a time, whichever instance calls
        PERFORM pg_advisory_xact_lock(hashtext('greenlight.usage_event_partitions'));
        FOR i IN 0 .. months_behind + months_ahead LOOP
          month_start := (first_month + make_interval(months => i))::date;
          part := 'usage_event_' || to_char(month_start, 'YYYY_MM');
          CONTINUE WHEN to_regclass(quote_ident(part)) IS NOT NULL;
          low := to_char(month_start, 'YYYY-MM-DD') || ' 00:00:00+00';
          high := to_char((month_start + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00';
          EXECUTE format('CREATE TABLE %I (LIKE usage_event INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
          -- rows that landed in the default partition for that month move into the new one
          EXECUTE format(
            'WITH moved AS (DELETE FROM usage_event_default WHERE occurred_at >= %L AND occurred_at < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
            low, high, part);
          EXECUTE format('ALTER TABLE usage_event ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, low, high);
          created := created + 1;
        END LOOP;
        RETURN created;
      END
      $fn$`);
    await queryRunner.query(`SELECT usage_event_ensure_partitions()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION usage_event_ensure_partitions(integer, integer)`);
    await queryRunner.query(`DROP TABLE "usage_event"`);
    await queryRunner.query(`DROP TABLE "usage_event_key"`);
    await queryRunner.query(
      `ALTER TABLE "generator_identity" DROP CONSTRAINT "FK_generator_identity_account"`,
    );
    await queryRunner.query(
      `ALTER TABLE "generator_identity" DROP CONSTRAINT "FK_generator_identity_workspace"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_generator_identity_workspace_org"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_generator_identity_workspace_status_seen"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_generator_identity_workspace_key"`);
    await queryRunner.query(`DROP TABLE "generator_identity"`);
  }
}
