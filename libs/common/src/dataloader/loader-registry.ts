import DataLoader from 'dataloader';

/**
 * One per request (kept in the GraphQL context): the loaders it hands out batch and cache only
 * within that request, so no data outlives it or crosses to another caller.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  /** The request's loader for `name`, created from `batch` on first use. */
  get<K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>, options?: DataLoader.Options<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000, ...options });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

/** Orders rows to match the keys, one row (or null) per key, as DataLoader requires. */
export function oneByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const byKey = new Map<K, V>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Groups rows by key, one (possibly empty) list per key, in key order. */
export function manyByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const byKey = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) byKey.get(keyOf(row))?.push(row);
  return keys.map((key) => byKey.get(key) ?? []);
}
