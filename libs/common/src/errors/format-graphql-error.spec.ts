import { ForbiddenException, InternalServerErrorException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { InvalidInputException, RateLimitedException } from './exceptions';
import { formatGraphQLError } from './format-graphql-error';

const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['field'] });
const format = (error: GraphQLError, production = true) =>
  formatGraphQLError({ message: error.message, path: error.path, extensions: error.extensions }, error, { production });

describe('formatGraphQLError', () => {
  it.each([
    [new NotFoundException('Account 1 was not found'), 'NOT_FOUND'],
    [new ForbiddenException(), 'FORBIDDEN'],
    [new UnauthorizedException(), 'UNAUTHENTICATED'],
  ])('maps %p to its code', (exception, code) => {
    expect(format(wrap(exception)).extensions?.code).toBe(code);
  });

  it('returns bad input with the field list', () => {
    const formatted = format(wrap(InvalidInputException.field('input.email', 'input.email must be an email')));
    expect(formatted.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.email', message: 'input.email must be an email' }],
    });
    expect(formatted.message).toBe('input.email must be an email');
  });

  it('returns a rate limit with the seconds to wait', () => {
    const formatted = format(wrap(new RateLimitedException('Too many failed attempts', 42)));
    expect(formatted.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 42 });
    expect(formatted.message).toBe('Too many failed attempts');
  });

  it('hides unexpected errors in production and reports them', () => {
    const reported: unknown[] = [];
    const sqlError = new Error('relation "secret_table" does not exist');
    sqlError.stack = 'Error: at db.query (/app/node_modules/pg/lib/client.js:1:1)';
    const error = wrap(sqlError);
    const formatted = formatGraphQLError({ message: error.message, extensions: { stacktrace: ['x'] } }, error, {
      production: true,
      onInternalError: (original) => reported.push(original),
    });
    expect(formatted).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(formatted)).not.toMatch(/secret_table|node_modules/);
    expect(reported).toEqual([sqlError]);
  });

  it('treats 5xx HTTP exceptions as internal', () => {
    expect(format(wrap(new InternalServerErrorException('disk full'))).message).toBe('Internal server error');
  });

  it('keeps the message of unexpected errors outside production', () => {
    expect(format(wrap(new Error('boom')), false).message).toBe('boom');
  });
});
