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
  if (args.first !== undefined && args.last !== undefined) {
    throw InvalidInputException.field('first', 'first and last cannot be used together');
  }
  const counter = query.clone();
  const backward = args.last !== undefined || (args.before !== undefined && args.first === undefined);
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  const direction = backward ? flip(sort.direction) : sort.direction;
  const page = query.clone();

  for (const [cursor, field, towards] of [
    [args.after, 'after', sort.direction],
    [args.before, 'before', flip(sort.direction)],
  ] as const) {
    if (!cursor) continue;
    const [value, id] = decodeCursor(cursor, field, [sort.part, 'uuid']);
    const operator = towards === 'ASC' ? '>' : '<';
    const suffix = field === 'after' ? 'A' : 'B';
    page.andWhere(`(${sort.expression}, ${tieBreaker.expression}) ${operator} (:cursorValue${suffix}, :cursorId${suffix})`, {
      [`cursorValue${suffix}`]: value,
      [`cursorId${suffix}`]: id,
    });
  }

  const rows = await page
    .orderBy(sort.expression, direction)
    .addOrderBy(tieBreaker.expression, direction)
    .limit(size + 1)
    .getMany();
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
    totalCount: () => counter.getCount(),
  };
}

function flip(direction: 'ASC' | 'DESC'): 'ASC' | 'DESC' {
  return direction === 'ASC' ? 'DESC' : 'ASC';
}
