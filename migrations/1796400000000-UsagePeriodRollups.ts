import { MigrationInterface, QueryRunner } from 'typeorm';

/** The figures of a period rollup after its key, as in the day rollups. */
const FIGURES = `"events" bigint NOT NULL DEFAULT 0,
  "generations" bigint NOT NULL DEFAULT 0,
  "failures" bigint NOT NULL DEFAULT 0,
  "video_seconds" double precision NOT NULL DEFAULT 0,
  "gpu_seconds" double precision NOT NULL DEFAULT 0,
  "cost_usd" numeric NOT NULL DEFAULT 0,
  "distinct_users" integer NOT NULL DEFAULT 0,
  "render_histogram" integer[] NOT NULL,
  "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now()`;

const GRAIN = `"grain" text NOT NULL CHECK ("grain" IN ('day', 'week', 'month'))`;

/**
 * Usage rollups by day, UTC week (from Monday) and calendar month, all models together, next to the
 * day-and-model rollups and kept by the same worker in the same transaction (see docs/telemetry.md):
 * - `usage_rollup_account_period` and `usage_rollup_workspace_period`: figures per period, with the
 *   period's distinct users; `usage_rollup_attributed_period`: the workspace's events held by any
 *   account, so that figures over (nearly) every account need not add up every account's rows;
 * - `usage_rollup_{account,workspace,attributed}_period_user`: one row per distinct user email and
 *   period, with its event count, for distinct users over several periods;
 * - `usage_period_start(grain, day)`: the first day of the period holding a day (infinite days as
 *   they are).
 * Rows are filled here from the day rollups already stored.
 */
export class UsagePeriodRollups1796400000000 implements MigrationInterface {
  name = 'UsagePeriodRollups1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION usage_period_start(grain text, day date) RETURNS date
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT CASE
          WHEN NOT isfinite(day) OR grain = 'day' THEN day
          WHEN grain = 'week' THEN day - (extract(isodow FROM day)::int - 1)
          ELSE make_date(extract(year FROM day)::int, extract(month FROM day)::int, 1)
        END
      $fn$`);
    await queryRunner.query(`CREATE TABLE "usage_rollup_account_period" (
      "workspace_id" uuid NOT NULL, "account_id" uuid NOT NULL, ${GRAIN}, "day" date NOT NULL,
      ${FIGURES},
      CONSTRAINT "PK_usage_rollup_account_period" PRIMARY KEY ("workspace_id", "account_id", "grain", "day"))`);
    await queryRunner.query(`CREATE TABLE "usage_rollup_workspace_period" (
      "workspace_id" uuid NOT NULL, ${GRAIN}, "day" date NOT NULL,
      ${FIGURES},
      CONSTRAINT "PK_usage_rollup_workspace_period" PRIMARY KEY ("workspace_id", "grain", "day"))`);
    await queryRunner.query(`CREATE TABLE "usage_rollup_attributed_period" (
      "workspace_id" uuid NOT NULL, ${GRAIN}, "day" date NOT NULL,
      ${FIGURES},
      CONSTRAINT "PK_usage_rollup_attributed_period" PRIMARY KEY ("workspace_id", "grain", "day"))`);
    await queryRunner.query(`CREATE TABLE "usage_rollup_attributed_period_user" (
      "workspace_id" uuid NOT NULL, ${GRAIN}, "day" date NOT NULL,
      "user_key" text NOT NULL, "events" bigint NOT NULL,
      CONSTRAINT "PK_usage_rollup_attributed_period_user" PRIMARY KEY ("workspace_id", "grain", "day", "user_key"))`);
    await queryRunner.query(`CREATE TABLE "usage_rollup_account_period_user" (
      "workspace_id" uuid NOT NULL, "account_id" uuid NOT NULL, ${GRAIN}, "day" date NOT NULL,
      "user_key" text NOT NULL, "events" bigint NOT NULL,
      CONSTRAINT "PK_usage_rollup_account_period_user" PRIMARY KEY ("workspace_id", "account_id", "grain", "day", "user_key"))`);
    await queryRunner.query(`CREATE TABLE "usage_rollup_workspace_period_user" (
      "workspace_id" uuid NOT NULL, ${GRAIN}, "day" date NOT NULL,
      "user_key" text NOT NULL, "events" bigint NOT NULL,
      CONSTRAINT "PK_usage_rollup_workspace_period_user" PRIMARY KEY ("workspace_id", "grain", "day", "user_key"))`);
    // the dashboard reads the periods of a window for every account, from the index alone
    await queryRunner.query(
      `CREATE INDEX "IDX_usage_rollup_account_period_period" ON "usage_rollup_account_period" ("workspace_id", "grain", "day")
       INCLUDE ("account_id", "events", "generations", "video_seconds", "cost_usd")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_usage_rollup_account_period_user_period" ON "usage_rollup_account_period_user" ("workspace_id", "grain", "day")
       INCLUDE ("account_id", "user_key")`,
    );
    for (const table of [
      'usage_rollup_account_period',
      'usage_rollup_workspace_period',
      'usage_rollup_attributed_period',
      'usage_rollup_account_period_user',
      'usage_rollup_workspace_period_user',
      'usage_rollup_attributed_period_user',
    ]) {
      await queryRunner.query(`CREATE INDEX "IDX_${table}_empty" ON "${table}" ("workspace_id") WHERE "events" = 0`);
    }

    const grains = `CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(grain)`;
    await queryRunner.query(
      `INSERT INTO "usage_rollup_account_period_user" ("workspace_id", "account_id", "grain", "day", "user_key", "events")
       SELECT u.workspace_id, u.account_id, g.grain, usage_period_start(g.grain, u.day), u.user_key, sum(u.events)
       FROM "usage_rollup_account_user" u ${grains} GROUP BY 1, 2, 3, 4, 5`,
    );
    await queryRunner.query(
      `INSERT INTO "usage_rollup_workspace_period_user" ("workspace_id", "grain", "day", "user_key", "events")
       SELECT u.workspace_id, g.grain, usage_period_start(g.grain, u.day), u.user_key, sum(u.events)
       FROM "usage_rollup_workspace_user" u ${grains} GROUP BY 1, 2, 3, 4`,
    );
    await queryRunner.query(
      `INSERT INTO "usage_rollup_attributed_period_user" ("workspace_id", "grain", "day", "user_key", "events")
       SELECT u.workspace_id, u.grain, u.day, u.user_key, sum(u.events)
       FROM "usage_rollup_account_period_user" u GROUP BY 1, 2, 3, 4`,
    );
    for (const [table, source, keys, positions] of [
      ['account', 'account', 'workspace_id, account_id, grain, day', '1, 2, 3, 4'],
      ['workspace', 'workspace', 'workspace_id, grain, day', '1, 2, 3'],
      ['attributed', 'account', 'workspace_id, grain, day', '1, 2, 3'],
    ]) {
      const key = keys.replace('grain, day', 'g.grain, usage_period_start(g.grain, r.day) AS day');
      await queryRunner.query(
        `INSERT INTO "usage_rollup_${table}_period" (${keys}, events, generations, failures, video_seconds, gpu_seconds,
           cost_usd, render_histogram, distinct_users)
         SELECT s.*, coalesce(n.users, 0) FROM (
           SELECT ${key}, sum(r.events), sum(r.generations), sum(r.failures), sum(r.video_seconds), sum(r.gpu_seconds),
             sum(r.cost_usd), usage_histogram_sum(r.render_histogram)
           FROM "usage_rollup_${source}_day" r ${grains} GROUP BY ${positions}) s
         LEFT JOIN (SELECT ${keys}, count(*)::int AS users FROM "usage_rollup_${table}_period_user" GROUP BY ${keys}) n
           USING (${keys})`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "usage_rollup_attributed_period_user"`);
    await queryRunner.query(`DROP TABLE "usage_rollup_attributed_period"`);
    await queryRunner.query(`DROP TABLE "usage_rollup_workspace_period_user"`);
    await queryRunner.query(`DROP TABLE "usage_rollup_account_period_user"`);
    await queryRunner.query(`DROP TABLE "usage_rollup_workspace_period"`);
    await queryRunner.query(`DROP TABLE "usage_rollup_account_period"`);
    await queryRunner.query(`DROP FUNCTION usage_period_start(text, date)`);
  }
}
