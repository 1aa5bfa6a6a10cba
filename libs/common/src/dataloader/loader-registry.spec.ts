import { LoaderRegistry, manyByKey, oneByKey } from './loader-registry';

describe('LoaderRegistry', () => {
  it('batches loads made in the same tick into one call and caches per request', async () => {
    const calls: number[][] = [];
    const registry = new LoaderRegistry();
    const batch = async (keys: readonly number[]) => {
      calls.push([...keys]);
      return keys.map((key) => key * 10);
    };
    const loader = registry.get('times-ten', batch);
    const values = await Promise.all([1, 2, 3, 2].map((key) => loader.load(key)));
    expect(values).toEqual([10, 20, 30, 20]);
    expect(calls).toEqual([[1, 2, 3]]);
    expect(registry.get('times-ten', batch)).toBe(loader);
    await registry.get('times-ten', batch).load(1);
    expect(calls).toHaveLength(1);
  });

  it('keeps requests apart: a new registry starts with an empty cache', async () => {
    let calls = 0;
    const batch = async (keys: readonly string[]) => keys.map(() => ++calls);
    await new LoaderRegistry().get('n', batch).load('a');
    await new LoaderRegistry().get('n', batch).load('a');
    expect(calls).toBe(2);
  });

  it('orders and groups rows by key', () => {
    const rows = [
      { id: 'b', owner: 'x' },
      { id: 'a', owner: 'y' },
      { id: 'c', owner: 'x' },
    ];
    expect(oneByKey(['a', 'z', 'b'], rows, (row) => row.id)).toEqual([rows[1], null, rows[0]]);
    expect(manyByKey(['x', 'q', 'y'], rows, (row) => row.owner)).toEqual([[rows[0], rows[2]], [], [rows[1]]]);
  });
});
