import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { InvalidInputException } from '../errors/exceptions';
import { ConnectionArgs, Connection, DEFAULT_PAGE_SIZE } from './connection.types';
import { CursorPart, decodeCursor, encodeCursor } from './cursor';

export interface SortKey<T> {
  /** SQL expression to order by; must never be NULL (wrap in COALESCE when it can be). */
  expression: string;
  /** Reads the same value from a loaded row, for the cursor. */
  value: (row: T) => unknown;
  /** The type of `value`, checked in cursors that come back. */
  part: CursorPart;
  direction: 'ASC' | 'DESC';
}

/** One page as connection arguments ask for it, whatever runs the query. */
export interface PageRequest {
  /** Rows to read: the page size plus one, which tells whether more follow. */
  limit: number;
  /** Order to read rows in: the sort direction, flipped when paging backward. */
  direction: 'ASC' | 'DESC';
  /** Rows must sort after (`>`) or before (`<`) these (sort value, tie-breaker) pairs. */
  bounds: { operator: '>' | '<'; value: unknown; id: unknown; suffix: 'A' | 'B' }[];
}

/** The page that `args` ask for, cursors checked (a forged one is bad input). */
export function pageRequest(args: ConnectionArgs, sort: Pick<SortKey<unknown>, 'part' | 'direction'>): PageRequest {
  if (args.first !== undefined && args.last !== undefined) {
    throw InvalidInputException.field('first', 'first and last cannot be used together');
  }
  const backward = isBackward(args);
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  const bounds: PageRequest['bounds'] = [];
  for (const [cursor, field, towards, suffix] of [
    [args.after, 'after', sort.direction, 'A'],
    [args.before, 'before', flip(sort.direction), 'B'],
  ] as const) {
    if (!cursor) continue;
    const [value, id] = decodeCursor(cursor, field, [sort.part, 'uuid']);
    bounds.push({ operator: towards === 'ASC' ? '>' : '<', value, id, suffix });
  }
  return { limit: size + 1, direction: backward ? flip(sort.direction) : sort.direction, bounds };
}

/** The connection of the rows read for `pageRequest(args, …)`, in the order they were read. */
export function connectionOf<T>(
  rows: T[],
  args: ConnectionArgs,
  sort: Pick<SortKey<T>, 'value'>,
  tieBreaker: Pick<SortKey<T>, 'value'>,
  totalCount: () => Promise<number>,
): Connection<T> {
  const backward = isBackward(args);
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  const hasMore = rows.length > size;
  const items = rows.slice(0, size);
  if (backward) items.reverse();
  const edges = items.map((node) => ({ node, cursor: encodeCursor([sort.value(node), tieBreaker.value(node)]) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? Boolean(args.before) : hasMore,
      hasPreviousPage: backward ? hasMore : Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

/**
 * Keyset pagination over a query: orders by the sort key then the tie-breaker (a unique uuid
 * column, usually the id), so rows with equal sort values are neither repeated nor skipped between pages.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  sort: SortKey<T>,
  tieBreaker: Omit<SortKey<T>, 'direction' | 'part'>,
): Promise<Connection<T>> {
  const request = pageRequest(args, sort);
  const counter = query.clone();
  const page = query.clone();
  for (const { operator, value, id, suffix } of request.bounds) {
    page.andWhere(`(${sort.expression}, ${tieBreaker.expression}) ${operator} (:cursorValue${suffix}, :cursorId${suffix})`, {
      [`cursorValue${suffix}`]: value,
      [`cursorId${suffix}`]: id,
    });
  }
  const rows = await page
    .orderBy(sort.expression, request.direction)
    .addOrderBy(tieBreaker.expression, request.direction)
    .limit(request.limit)
    .getMany();
  return connectionOf(rows, args, sort, tieBreaker, () => counter.getCount());
}

function isBackward(args: ConnectionArgs): boolean {
  return args.last !== undefined || (args.before !== undefined && args.first === undefined);
}

function flip(direction: 'ASC' | 'DESC'): 'ASC' | 'DESC' {
  return direction === 'ASC' ? 'DESC' : 'ASC';
}
