import { Connection, InvalidInputException, textInputErrors, toFieldErrors } from '@greenlight/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { stringify } from 'csv-stringify';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { neutraliseFormula } from './formula-cells';

export type CsvRow = Record<string, string | number | null>;

/** Filters are written as in GraphQL (`"kinds":["STUDIO"]`); stored enum values are lower case. */
function enumNamesToValues(value: unknown): unknown {
  if (typeof value === 'string') return /^[A-Z][A-Z_]*$/.test(value) ? value.toLowerCase() : value;
  if (Array.isArray(value)) return value.map(enumNamesToValues);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, enumNamesToValues(inner)]));
  return value;
}

/**
 * The list arguments of an export's query string (`?filter={…}&sortBy=NAME&sortDirection=DESC`),
 * validated as the GraphQL list query validates them; `sortFields` maps the GraphQL sort-field
 * names to their values.
 */
export function exportArgs<A extends object>(
  Args: new () => A,
  query: Record<string, string>,
  sortFields?: Record<string, string>,
): A {
  let filter: unknown;
  try {
    filter = query.filter ? JSON.parse(query.filter) : undefined;
  } catch {
    throw InvalidInputException.field('filter', 'filter must be JSON, such as {"kinds":["STUDIO"]}');
  }
  // the query string was checked as text; what its JSON escapes spell out is checked here
  const textErrors = textInputErrors(filter, 'filter');
  if (textErrors.length) throw new InvalidInputException(textErrors);
  const given = {
    filter: enumNamesToValues(filter),
    sortBy: sortFields?.[query.sortBy] ?? query.sortBy,
    sortDirection: query.sortDirection,
  };
  // only what was given: an absent sortBy is no field, even for kinds that sort one way
  const args = plainToInstance(
    Args,
    Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
  );
  const errors = validateSync(args, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new InvalidInputException(toFieldErrors(errors));
  return args;
}

/**
 * Writes a list as CSV to `output`, 500 rows a page: any size, constant memory. The first page is
 * read before anything is written, and `onStart` called then: a query that fails does so while the
 * caller can still answer with an error.
 */
export async function writeCsvPages<T>(
  list: (page: { first: number; after?: string }) => Promise<Connection<T>>,
  row: (item: T) => CsvRow,
  output: Writable,
  onStart: () => void = () => undefined,
): Promise<number> {
  let count = 0;
  const pageAfter = (after?: string) => list({ first: 500, after });
  let page = await pageAfter();
  onStart();
  const rows = async function* () {
    for (;;) {
      for (const edge of page.edges) {
        count++;
        yield row(edge.node);
      }
      if (!page.pageInfo.hasNextPage) return;
      page = await pageAfter(page.pageInfo.endCursor ?? undefined);
    }
  };
  await pipeline(rows, stringify({ header: true, cast: { number: String, string: neutraliseFormula } }), output);
  return count;
}

/** The headers of a CSV download named `<name>-<today>.csv`. */
export function csvDownloadHeaders(response: { setHeader(name: string, value: string): unknown }, name: string) {
  response.setHeader('content-type', 'text/csv; charset=utf-8');
  response.setHeader(
    'content-disposition',
    `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.csv"`,
  );
}
