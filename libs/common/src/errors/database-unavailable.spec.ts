import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import { ErrorCode } from './error-codes';
import { DatabaseUnavailableException, isDatabaseUnavailable } from './database-unavailable';
import { formatGraphQLError } from './format-graphql-error';

const error = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.message ?? 'x')), fields);

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', error({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' })],
    ['a reset connection', error({ code: 'ECONNRESET' })],
    [
      'an administrator shutdown (SQLSTATE 57P01)',
      error({ code: '57P01', message: 'terminating connection due to administrator command' }),
    ],
    ['a server starting up (57P03)', error({ code: '57P03', message: 'the database system is starting up' })],
    ['a connection exception (class 08)', error({ code: '08006' })],
    ['a connection that ended', new Error('Connection terminated unexpectedly')],
    [
      'a transaction whose connection TypeORM released after such an error',
      new Error(
        'Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.',
      ),
    ],
    [
      'a commit whose connection was released before it',
      new Error('Query runner already released. Cannot run queries anymore.'),
    ],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    [
      'a client that cannot query any more',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'a TypeORM error wrapping one',
      error({ message: 'query failed', driverError: error({ code: 'ECONNREFUSED' }) }),
    ],
    ['an error caused by one', new Error('wrapped', { cause: error({ code: '57P01' }) })],
    [
      'an AggregateError of refusals',
      new AggregateError([error({ code: 'ECONNREFUSED' })], 'all attempts failed'),
    ],
  ])('recognises %s', (_, failure) => {
    expect(isDatabaseUnavailable(failure)).toBe(true);
  });

  it.each([
    [
      'a unique violation',
      error({ code: '23505', message: 'duplicate key value violates unique constraint' }),
    ],
    ['a syntax error', error({ code: '42601' })],
    ['an HTTP error', new ServiceUnavailableException('Connection terminated')],
    ['a bad request', new BadRequestException('nope')],
    ['a plain error', new Error('something else')],
    ['nothing', undefined],
  ])('leaves alone %s', (_, failure) => {
    expect(isDatabaseUnavailable(failure)).toBe(false);
  });

  it('reaches GraphQL clients as SERVICE_UNAVAILABLE with retryAfter', () => {
    const formatted = formatGraphQLError({ message: 'x' }, new DatabaseUnavailableException(), {
      production: true,
    });
    expect(formatted.extensions).toEqual({ code: ErrorCode.SERVICE_UNAVAILABLE, retryAfter: 2 });
    expect(formatted.message).toContain('retry');
  });
});
