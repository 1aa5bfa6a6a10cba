import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The render histogram helpers as PL/pgSQL loops over the arrays. As SQL functions with a subquery
 * they could not be inlined: `usage_histogram_dense` (one call per rollup delta at ingestion) cost
 * about 30 times as much, and `usage_histogram_sum` (the aggregate the worker sums deltas with)
 * twice as much. Results are the same: buckets outside 1..size are left out, missing elements
 * count 0, NULL stays NULL, and a count past the integer range fails as before.
 */
export class HistogramLoops1796400200000 implements MigrationInterface {
  name = 'HistogramLoops1796400200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION usage_histogram_add(a integer[], b integer[]) RETURNS integer[]
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
      BEGIN
        IF a IS NULL THEN RETURN b; END IF;
        IF b IS NULL THEN RETURN a; END IF;
        FOR i IN 1 .. greatest(cardinality(a), cardinality(b)) LOOP
          a[i] := coalesce(a[i], 0) + coalesce(b[i], 0);
        END LOOP;
        RETURN a;
      END
      $fn$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION usage_histogram_dense(buckets integer[], counts bigint[], size integer) RETURNS integer[]
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
      DECLARE
        dense integer[];
      BEGIN
        IF buckets IS NULL THEN RETURN NULL; END IF;
        dense := array_fill(0, ARRAY[size]);
        FOR i IN 1 .. cardinality(buckets) LOOP
          IF buckets[i] BETWEEN 1 AND size THEN
            dense[buckets[i]] := dense[buckets[i]] + coalesce(counts[i], 0);
          END IF;
        END LOOP;
        RETURN dense;
      END
      $fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION usage_histogram_add(a integer[], b integer[]) RETURNS integer[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a ELSE ARRAY(
          SELECT coalesce(t.x, 0) + coalesce(t.y, 0) FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i) ORDER BY t.i)
        END
      $fn$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION usage_histogram_dense(buckets integer[], counts bigint[], size integer) RETURNS integer[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT CASE WHEN buckets IS NULL THEN NULL ELSE ARRAY(
          SELECT coalesce(sum(t.c), 0)::integer FROM generate_series(1, size) AS s(i)
          LEFT JOIN unnest(buckets, counts) AS t(b, c) ON t.b = s.i
          GROUP BY s.i ORDER BY s.i)
        END
      $fn$`);
  }
}
