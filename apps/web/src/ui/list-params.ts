import { useSearchParams } from 'react-router';
import type { Sort } from './PagedTable';

/**
 * A list view's filters and order, kept in the address so a view can be bookmarked, shared and
 * reloaded: `?stage=…&owner=…&sort=NAME&dir=ASC`.
 */
export type ListView = ReturnType<typeof useListParams>;

export function useListParams(defaultSort: Sort) {
  const [params, setParams] = useSearchParams();
  const get = (key: string) => params.get(key) ?? '';
  const set = (changes: Record<string, string | null>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const sort: Sort = {
    by: params.get('sort') ?? defaultSort.by,
    direction:
      params.get('dir') === 'DESC' ? 'DESC' : params.get('dir') === 'ASC' ? 'ASC' : defaultSort.direction,
  };
  const rows = new URLSearchParams(params);
  rows.delete('cols');
  return {
    get,
    set,
    sort,
    setSort: (next: Sort) => set({ sort: next.by, dir: next.direction }),
    /** The whole view as an address query (filters, order, columns), as saved views keep it. */
    query: params.toString(),
    /** Replaces the whole view with a saved one. */
    apply: (query: string) => setParams(new URLSearchParams(query), { replace: true }),
    /** The columns chosen (`cols=name,stage`); null for every column. */
    columns: params.get('cols')?.split(',').filter(Boolean) ?? null,
    setColumns: (keys: string[] | null) => set({ cols: keys?.join(',') ?? null }),
    /** Changes whenever the rows do (not the columns): a key that restarts the pagination. */
    key: rows.toString(),
  };
}

/** A filter without its empty entries, for GraphQL variables and the export address. */
export function compact<T extends object>(filter: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(filter).filter(
      ([, value]) =>
        value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && !value.length),
    ),
  ) as Partial<T>;
}
