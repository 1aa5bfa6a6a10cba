import { createTestDatabase, entityFactory, TestDatabase } from '@greenlight/testing';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ConnectionArgs } from './connection.types';
import { encodeCursor } from './cursor';
import { paginate, SortKey } from './paginate';

@Entity({ name: 'widget' })
class Widget {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'int' })
  rank: number;
}

const widgets = entityFactory(Widget, (n) => ({ name: `widget ${String(n).padStart(3, '0')}`, rank: n % 4 }));
const byRank: SortKey<Widget> = { expression: 'w.rank', value: (w) => w.rank, part: 'integer', direction: 'ASC' };
const byId = { expression: 'w.id', value: (w: Widget) => w.id };

describe('paginate (keyset, against PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let all: Widget[];

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await db.dataSource([Widget]);
    await dataSource.query('CREATE TABLE widget (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL, rank int NOT NULL)');
    await widgets.createMany(dataSource, 23);
    all = await dataSource.getRepository(Widget).find();
    all.sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
  });
  afterAll(() => db.drop());

  const page = (args: ConnectionArgs, sort = byRank) =>
    paginate(dataSource.getRepository(Widget).createQueryBuilder('w'), args, sort, byId);

  it('walks forward through rows with equal sort values without repeating or skipping any', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const result = await page({ first: 5, after });
      seen.push(...result.edges.map((edge) => edge.node.id));
      pages++;
      if (!result.pageInfo.hasNextPage) break;
      expect(result.pageInfo.endCursor).toBe(result.edges.at(-1)?.cursor);
      after = result.pageInfo.endCursor ?? undefined;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(all.map((widget) => widget.id));
  });

  it('walks backward with last/before and keeps natural order within the page', async () => {
    const lastPage = await page({ last: 5 });
    expect(lastPage.edges.map((edge) => edge.node.id)).toEqual(all.slice(-5).map((widget) => widget.id));
    expect(lastPage.pageInfo.hasPreviousPage).toBe(true);
    const before = await page({ last: 5, before: lastPage.pageInfo.startCursor ?? undefined });
    expect(before.edges.map((edge) => edge.node.id)).toEqual(all.slice(-10, -5).map((widget) => widget.id));
    expect(before.pageInfo.hasNextPage).toBe(true);
  });

  it('sorts descending and counts all rows lazily', async () => {
    const result = await page({ first: 3 }, { ...byRank, direction: 'DESC' });
    expect(result.edges.map((edge) => edge.node.rank)).toEqual([3, 3, 3]);
    await expect(result.totalCount()).resolves.toBe(23);
  });

  it('refuses a malformed cursor naming the argument', async () => {
    await expect(page({ first: 2, after: 'not-a-cursor' })).rejects.toThrow('after is not a valid cursor');
    await expect(page({ first: 2, last: 2 })).rejects.toThrow('first and last cannot be used together');
  });

  it('accepts a cursor made for the same sort key', async () => {
    const result = await page({ first: 50, after: encodeCursor([all[0].rank, all[0].id]) });
    expect(result.edges).toHaveLength(22);
  });
});
