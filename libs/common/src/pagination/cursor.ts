import { InvalidInputException } from '../errors/exceptions';

/** Cursors are opaque to clients: base64url of the sort key values of one row. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length > 0) return values;
  } catch {
    // fall through to the error below
  }
  throw InvalidInputException.field(field, `${field} is not a valid cursor`);
}
