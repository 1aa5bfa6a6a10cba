import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException } from '@nestjs/common';
import { GraphQLFormattedError } from 'graphql';
import { databaseErrorException } from './database-unavailable';
import { ErrorCode, FieldError, STATUS_TO_CODE } from './error-codes';

/** Codes produced by GraphQL itself for a bad document or bad variables: safe to show as they are. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'BAD_REQUEST',
]);

export interface FormatOptions {
  production: boolean;
  /** Whether GraphQL's "Did you mean …?" hints may name fields, types and values of the schema. */
  suggestions?: boolean;
  onInternalError?: (error: unknown) => void;
}

/** GraphQL's hint naming similar names of the schema, at the end of a validation or input error. */
const SUGGESTION = /\s*Did you mean [^?]*\?$/;

/**
 * Shapes every GraphQL error: a known `extensions.code`, the field list for bad input, and for
 * anything unexpected a generic message (never a stack trace or SQL in production).
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: FormatOptions,
): GraphQLFormattedError {
  if (options.suggestions === false)
    formatted = { ...formatted, message: formatted.message.replace(SUGGESTION, '') };
  // field resolvers run without exception filters: database errors are mapped here too
  const original = databaseErrorException(unwrapResolverError(error)) ?? unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };

  if (original instanceof HttpException) {
    const status = original.getStatus();
    const response = original.getResponse();
    const own = typeof response === 'object' ? (response as { code?: unknown }).code : undefined;
    const code =
      (typeof own === 'string' && own in ErrorCode ? (own as ErrorCode) : undefined) ??
      STATUS_TO_CODE[status] ??
      (status >= 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_USER_INPUT);
    if (code === ErrorCode.INTERNAL_SERVER_ERROR) return internal(base, original, options);
    const { fields, retryAfter } =
      typeof response === 'object' ? (response as { fields?: FieldError[]; retryAfter?: number }) : {};
    return {
      ...base,
      message: messageOf(response) ?? original.message,
      extensions: {
        code,
        ...(fields ? { fields } : {}),
        ...(typeof retryAfter === 'number' ? { retryAfter } : {}),
      },
    };
  }

  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    return { ...base, message: formatted.message, extensions: { code } };
  }
  if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR && code in ErrorCode) {
    return { ...base, message: formatted.message, extensions: { ...formatted.extensions, code, stacktrace: undefined } };
  }
  return internal(base, original, options);
}

function internal(
  base: Pick<GraphQLFormattedError, 'locations' | 'path'>,
  original: unknown,
  options: FormatOptions,
): GraphQLFormattedError {
  options.onInternalError?.(original);
  return {
    ...base,
    message: options.production ? 'Internal server error' : String((original as Error)?.message ?? original),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

function messageOf(response: string | object): string | undefined {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : undefined;
}
