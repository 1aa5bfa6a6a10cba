import { compileSql, sql } from '@greenlight/identity';
import { RENDER_BUCKET_EDGES, RENDER_BUCKETS, renderBucket } from '@greenlight/telemetry';
import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { Client } from 'pg';

/** The render-time bucket the rollups store, computed by PostgreSQL as the rollup statements do. */
describe('render-time buckets in SQL', () => {
  let db: TestDatabase;
  let client: Client;
  const bucketOf = async (properties: unknown): Promise<number | null> => {
    const { text, values } = compileSql(
      sql`SELECT ${renderBucket(sql`v.p`)} AS bucket FROM (VALUES (${JSON.stringify(properties)}::jsonb)) AS v(p)`,
    );
    const { rows } = await client.query(text, values);
    return rows[0].bucket;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('puts a render time in the bucket whose lower edge it reaches (1-based), the last one open', async () => {
    expect(await bucketOf({ renderSeconds: 0 })).toBe(1);
    expect(await bucketOf({ renderSeconds: 0.49 })).toBe(1);
    expect(await bucketOf({ renderSeconds: 0.5 })).toBe(2);
    expect(await bucketOf({ renderSeconds: 2.99 })).toBe(5);
    expect(await bucketOf({ renderSeconds: 3 })).toBe(6);
    expect(await bucketOf({ renderSeconds: 4096 })).toBe(RENDER_BUCKETS);
    expect(await bucketOf({ renderSeconds: 1e300 })).toBe(RENDER_BUCKETS);
    for (const [i, edge] of RENDER_BUCKET_EDGES.entries())
      expect(await bucketOf({ renderSeconds: edge })).toBe(i + 1);
  });

  it('counts only a non-negative number as a render time', async () => {
    for (const properties of [
      { renderSeconds: -1 },
      { renderSeconds: '12' },
      { renderSeconds: null },
      { renderSeconds: [3] },
      { renderSeconds: { seconds: 3 } },
      { other: 3 },
      {},
    ])
      expect([properties, await bucketOf(properties)]).toEqual([properties, null]);
  });
});
