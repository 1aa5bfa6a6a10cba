import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { Client } from 'pg';

/** The set-based definitions the loops replaced: what every case must still answer. */
const DENSE_BY_SETS = `CASE WHEN $1::integer[] IS NULL THEN NULL ELSE ARRAY(
  SELECT coalesce(sum(t.c), 0)::integer FROM generate_series(1, $3::integer) AS s(i)
  LEFT JOIN unnest($1::integer[], $2::bigint[]) AS t(b, c) ON t.b = s.i GROUP BY s.i ORDER BY s.i) END`;
const ADD_BY_SETS = `CASE WHEN $1::integer[] IS NULL THEN $2::integer[] WHEN $2::integer[] IS NULL THEN $1::integer[] ELSE ARRAY(
  SELECT coalesce(t.x, 0) + coalesce(t.y, 0) FROM unnest($1::integer[], $2::integer[]) WITH ORDINALITY AS t(x, y, i) ORDER BY t.i) END`;

describe('render histogram functions in PostgreSQL', () => {
  let db: TestDatabase;
  let client: Client;
  const one = async (sql: string, parameters: unknown[]) => (await client.query(sql, parameters)).rows[0].value;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it.each([
    [[1, 3, 3], [2, 5, 1], 4],
    [[4, 1], [-3, 7], 4],
    [[0, 5, 2, null], [9, 9, 1, 4], 4],
    [[2], [null], 3],
    [[], [], 3],
    [null, null, 3],
  ])('usage_histogram_dense(%j, %j, %d) answers as the set-based definition', async (buckets, counts, size) => {
    const parameters = [buckets, counts, size];
    expect(await one('SELECT usage_histogram_dense($1, $2, $3) AS value', parameters)).toEqual(
      await one(`SELECT ${DENSE_BY_SETS} AS value`, parameters),
    );
  });

  it.each([
    [
      [1, 2, 3],
      [10, 20, 30],
    ],
    [[1, 2], [5]],
    [[5], [1, 2]],
    [[1, -1], [-1, 1]],
    [null, [1, 2]],
    [[1, 2], null],
    [null, null],
  ])('usage_histogram_add(%j, %j) answers as the set-based definition', async (a, b) => {
    expect(await one('SELECT usage_histogram_add($1, $2) AS value', [a, b])).toEqual(
      await one(`SELECT ${ADD_BY_SETS} AS value`, [a, b]),
    );
  });

  it('sums histograms element-wise, NULL ones left out', async () => {
    const sum = await one(
      `SELECT usage_histogram_sum(h) AS value
         FROM (VALUES (ARRAY[1, 2, 3]), (NULL::integer[]), (ARRAY[4, 5, 6]), (ARRAY[0, 0, 1])) AS t(h)`,
      [],
    );
    expect(sum).toEqual([5, 7, 10]);
  });

  it('refuses a count past the integer range, as a data error the rollup worker quarantines', async () => {
    await expect(client.query('SELECT usage_histogram_add(ARRAY[2147483647], ARRAY[1])')).rejects.toMatchObject({
      code: '22003',
    });
    await expect(
      client.query('SELECT usage_histogram_dense(ARRAY[1, 1], ARRAY[2147483647, 1]::bigint[], 2)'),
    ).rejects.toMatchObject({ code: '22003' });
  });
});
