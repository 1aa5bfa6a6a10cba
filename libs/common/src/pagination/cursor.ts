import { InvalidInputException } from '../errors/exceptions';
import { textProblem } from '../validation/text-input';

/**
 * What one value of a cursor is: the type of its sort key column, checked when a cursor comes back
 * so a forged one is refused as bad input instead of reaching SQL.
 */
export type CursorPart = 'text' | 'timestamp' | 'date' | 'number' | 'integer' | 'uuid';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INFINITY = new Set(['infinity', '-infinity']);
/** Sort values are never this large: numeric sort columns are bounded by their inputs. */
const MAX_NUMBER = 1e15;
const MAX_TEXT_LENGTH = 1000;

const PART_CHECKS: Record<CursorPart, (value: unknown) => boolean> = {
  text: (value) => typeof value === 'string' && value.length <= MAX_TEXT_LENGTH && !textProblem(value),
  timestamp: (value) =>
    typeof value === 'string' &&
    (INFINITY.has(value) || (TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value)))),
  date: (value) =>
    typeof value === 'string' &&
    (INFINITY.has(value) || (DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)))),
  number: (value) => typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_NUMBER,
  integer: (value) => Number.isSafeInteger(value) && Math.abs(value as number) <= 2 ** 31 - 1,
  uuid: (value) => typeof value === 'string' && UUID.test(value),
};

/** Cursors are opaque to clients: base64url of the sort key values of one row. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The values of a cursor given as the `field` argument (`after`, `before`), checked against the
 * parts the cursor is made of: anything else is `BAD_USER_INPUT` naming the argument.
 */
export function decodeCursor(cursor: string, field: string, parts: readonly CursorPart[]): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (
    Array.isArray(values) &&
    values.length === parts.length &&
    parts.every((part, index) => PART_CHECKS[part](values[index]))
  )
    return values;
  throw InvalidInputException.field(field, `${field} is not a valid cursor`);
}
