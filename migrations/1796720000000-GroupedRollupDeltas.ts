import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['usage_rollup_pending', 'usage_rollup_quarantine'];

/**
 * A rollup delta covers one account (or none), day and model of a batch: its users and their event
 * counts as two arrays (`user_keys`, `user_events`), its render histogram sparse (`render_buckets`,
 * `render_counts`: 1-based buckets and their counts). Either may name a user or bucket more than
 * once; the worker sums them. Deltas already waiting are converted: a user row becomes a delta of
 * one user, a dense histogram its non-zero buckets.
 */
export class GroupedRollupDeltas1796720000000 implements MigrationInterface {
  name = 'GroupedRollupDeltas1796720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}"
        ADD "user_keys" text[] NOT NULL DEFAULT '{}', ADD "user_events" bigint[] NOT NULL DEFAULT '{}',
        ADD "render_buckets" integer[] NOT NULL DEFAULT '{}', ADD "render_counts" bigint[] NOT NULL DEFAULT '{}'`);
      await queryRunner.query(`UPDATE "${table}" SET
        user_keys = CASE WHEN user_key <> '' THEN ARRAY[user_key] ELSE '{}' END,
        user_events = CASE WHEN user_key <> '' THEN ARRAY[events] ELSE '{}' END,
        render_buckets = ARRAY(SELECT i FROM generate_subscripts(render_histogram, 1) AS i
                               WHERE render_histogram[i] <> 0 ORDER BY i),
        render_counts = ARRAY(SELECT render_histogram[i]::bigint FROM generate_subscripts(render_histogram, 1) AS i
                              WHERE render_histogram[i] <> 0 ORDER BY i)`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "user_key", DROP COLUMN "render_histogram"`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "user_key" text NOT NULL DEFAULT '', ADD "render_histogram" integer[]`,
      );
      // one delta per user again: the figures stay with the first user, the others count events only
      await queryRunner.query(`UPDATE "${table}" SET
        user_key = coalesce(user_keys[1], ''),
        render_histogram = CASE WHEN cardinality(render_buckets) > 0
          THEN usage_histogram_dense(render_buckets, render_counts, 27) END`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "user_key" DROP DEFAULT`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "user_keys", DROP COLUMN "user_events",
        DROP COLUMN "render_buckets", DROP COLUMN "render_counts"`);
    }
  }
}
