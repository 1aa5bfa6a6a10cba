import { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns of a day rollup after its key: the same in the account and the workspace tables. */
const FIGURES = `"events" bigint NOT NULL DEFAULT 0,
  "generations" bigint NOT NULL DEFAULT 0,
  "failures" bigint NOT NULL DEFAULT 0,
  "video_seconds" double precision NOT NULL DEFAULT 0,
  "gpu_seconds" double precision NOT NULL DEFAULT 0,
  "cost_usd" numeric(18,6) NOT NULL DEFAULT 0,
  "distinct_users" integer NOT NULL DEFAULT 0,
  "render_histogram" integer[] NOT NULL,
  "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now()`;

/**
 * Usage rollups, written and read with SQL only (no entities), what dashboards read instead of raw
 * events:
 * - `usage_rollup_account_day` and `usage_rollup_workspace_day`: figures per day and model (`''` for
 *   none), per account (attributed events) and per workspace (every event);
 * - `usage_rollup_account_user` and `usage_rollup_workspace_user`: one row per distinct user email
 *   and day and model, with its event count, so distinct users over any window come from rollups;
 * - `usage_rollup_pending`: grouped deltas appended in the transaction that stores (or re-attributes)
 *   events, applied to the rollups and deleted in one transaction by a single worker;
 * - histogram helpers: `usage_histogram_dense` (sparse buckets to a dense array),
 *   `usage_histogram_add` and the aggregate `usage_histogram_sum` (element-wise);
 * - backfill progress columns on `generator_identity`.
 * Events stored before this migration are rolled up by the first server to start after it (it finds
 * the `telemetry.rollupRebuildNeeded` flag written here and runs the same rebuild as
 * `greenlight usage:rebuild-rollups`).
 */
export class UsageRollups1795700000000 implements MigrationInterface {
  name = 'UsageRollups1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "generator_identity" ADD "backfill_total" bigint`);
    await queryRunner.query(
      `ALTER TABLE "generator_identity" ADD "backfill_scanned" bigint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "generator_identity" ADD "backfill_moved" bigint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "generator_identity" ADD "backfill_started_at" TIMESTAMP(3) WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "generator_identity" ADD "backfill_finished_at" TIMESTAMP(3) WITH TIME ZONE`,
    );

    await queryRunner.query(`
      CREATE FUNCTION usage_histogram_add(a integer[], b integer[]) RETURNS integer[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a ELSE ARRAY(
          SELECT coalesce(t.x, 0) + coalesce(t.y, 0) FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i) ORDER BY t.i)
        END
      $fn$`);
    await queryRunner.query(
      `CREATE AGGREGATE usage_histogram_sum(integer[]) (SFUNC = usage_histogram_add, STYPE = integer[])`,
    );
    await queryRunner.query(`
      CREATE FUNCTION usage_histogram_dense(buckets integer[], counts bigint[], size integer) RETURNS integer[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT CASE WHEN buckets IS NULL THEN NULL ELSE ARRAY(
          SELECT coalesce(sum(t.c), 0)::integer FROM generate_series(1, size) AS s(i)
          LEFT JOIN unnest(buckets, counts) AS t(b, c) ON t.b = s.i
          GROUP BY s.i ORDER BY s.i)
        END
      $fn$`);

    await queryRunner.query(`CREATE TABLE "usage_rollup_account_day" (
      "workspace_id" uuid NOT NULL, "account_id" uuid NOT NULL, "day" date NOT NULL, "model" text NOT NULL,
      ${FIGURES},
      CONSTRAINT "PK_usage_rollup_account_day" PRIMARY KEY ("workspace_id", "account_id", "day", "model"))`);
    await queryRunner.query(`CREATE TABLE "usage_rollup_workspace_day" (
      "workspace_id" uuid NOT NULL, "day" date NOT NULL, "model" text NOT NULL,
      ${FIGURES},
      CONSTRAINT "PK_usage_rollup_workspace_day" PRIMARY KEY ("workspace_id", "day", "model"))`);
    await queryRunner.query(`CREATE TABLE "usage_rollup_account_user" (
      "workspace_id" uuid NOT NULL, "account_id" uuid NOT NULL, "day" date NOT NULL, "model" text NOT NULL,
      "user_key" text NOT NULL, "events" bigint NOT NULL,
      CONSTRAINT "PK_usage_rollup_account_user" PRIMARY KEY ("workspace_id", "account_id", "day", "model", "user_key"))`);
    await queryRunner.query(`CREATE TABLE "usage_rollup_workspace_user" (
      "workspace_id" uuid NOT NULL, "day" date NOT NULL, "model" text NOT NULL,
      "user_key" text NOT NULL, "events" bigint NOT NULL,
      CONSTRAINT "PK_usage_rollup_workspace_user" PRIMARY KEY ("workspace_id", "day", "model", "user_key"))`);
    // rows emptied by re-attribution are deleted; these find them without a scan
    for (const table of [
      'usage_rollup_account_day',
      'usage_rollup_workspace_day',
      'usage_rollup_account_user',
      'usage_rollup_workspace_user',
    ]) {
      await queryRunner.query(
        `CREATE INDEX "IDX_${table}_empty" ON "${table}" ("workspace_id") WHERE "events" = 0`,
      );
    }

    await queryRunner.query(`CREATE TABLE "usage_rollup_pending" (
      "id" bigserial NOT NULL,
      "workspace_id" uuid NOT NULL,
      "account_id" uuid,
      "day" date NOT NULL,
      "model" text NOT NULL,
      "user_key" text NOT NULL,
      "in_workspace" boolean NOT NULL,
      "events" bigint NOT NULL,
      "generations" bigint NOT NULL,
      "failures" bigint NOT NULL,
      "video_seconds" double precision NOT NULL,
      "gpu_seconds" double precision NOT NULL,
      "cost_usd" numeric NOT NULL,
      "render_histogram" integer[],
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_usage_rollup_pending" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE INDEX "IDX_usage_rollup_pending_workspace_created" ON "usage_rollup_pending" ("workspace_id", "created_at")`,
    );
    await queryRunner.query(
      `INSERT INTO "app_metadata" ("key", "value") SELECT 'telemetry.rollupRebuildNeeded', 'true'
       WHERE EXISTS (SELECT 1 FROM "usage_event")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "app_metadata" WHERE "key" = 'telemetry.rollupRebuildNeeded'`);
    await queryRunner.query(`DROP TABLE "usage_rollup_pending"`);
    await queryRunner.query(`DROP TABLE "usage_rollup_workspace_user"`);
    await queryRunner.query(`DROP TABLE "usage_rollup_account_user"`);
    await queryRunner.query(`DROP TABLE "usage_rollup_workspace_day"`);
    await queryRunner.query(`DROP TABLE "usage_rollup_account_day"`);
    await queryRunner.query(`DROP FUNCTION usage_histogram_dense(integer[], bigint[], integer)`);
    await queryRunner.query(`DROP AGGREGATE usage_histogram_sum(integer[])`);
    await queryRunner.query(`DROP FUNCTION usage_histogram_add(integer[], integer[])`);
    await queryRunner.query(`ALTER TABLE "generator_identity" DROP COLUMN "backfill_finished_at"`);
    await queryRunner.query(`ALTER TABLE "generator_identity" DROP COLUMN "backfill_started_at"`);
    await queryRunner.query(`ALTER TABLE "generator_identity" DROP COLUMN "backfill_moved"`);
    await queryRunner.query(`ALTER TABLE "generator_identity" DROP COLUMN "backfill_scanned"`);
    await queryRunner.query(`ALTER TABLE "generator_identity" DROP COLUMN "backfill_total"`);
  }
}
