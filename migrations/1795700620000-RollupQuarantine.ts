import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollup sums that cannot overflow, and a place for deltas the worker cannot apply.
 * - `cost_usd` of the day rollups becomes `numeric` without precision: each event holds at most
 *   1e11 (its column is numeric(18,6)), but a day's sum over many events has no such bound, and a
 *   sum that overflowed its column failed the worker's batch over and over. Unconstrained numeric
 *   stays exact (the sums keep the events' 6 decimals) and has no practical limit. The change needs
 *   no table rewrite; `IDX_usage_rollup_account_day_period` (which includes the column) is rebuilt.
 * - `usage_rollup_quarantine`: pending deltas that failed to apply on their own (a data error such
 *   as a count out of range), moved out of `usage_rollup_pending` with the error so the worker goes
 *   on with every other delta; a rebuild supersedes or retries them.
 */
export class RollupQuarantine1795700620000 implements MigrationInterface {
  name = 'RollupQuarantine1795700620000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['usage_rollup_account_day', 'usage_rollup_workspace_day'])
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "cost_usd" TYPE numeric`);
    await queryRunner.query(`CREATE TABLE "usage_rollup_quarantine" (
      "id" bigint NOT NULL,
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
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
      "error" text NOT NULL,
      "quarantined_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_usage_rollup_quarantine" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE INDEX "IDX_usage_rollup_quarantine_workspace_day" ON "usage_rollup_quarantine" ("workspace_id", "day")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "usage_rollup_quarantine"`);
    for (const table of ['usage_rollup_workspace_day', 'usage_rollup_account_day'])
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "cost_usd" TYPE numeric(18,6)`);
  }
}
