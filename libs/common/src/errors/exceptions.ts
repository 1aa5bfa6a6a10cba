import { BadRequestException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { ErrorCode, FieldError } from './error-codes';

/** Bad input: the message names the field and the reason; `fields` lists every problem. */
export class InvalidInputException extends BadRequestException {
  constructor(readonly fields: FieldError[]) {
    super({ message: fields.map((field) => field.message).join('; '), fields });
  }

  static field(path: string, message: string): InvalidInputException {
    return new InvalidInputException([{ path, message }]);
  }
}

/** The thing does not exist in the caller's workspace (or the caller may not know it exists). */
export class EntityNotFoundException extends NotFoundException {
  constructor(entity: string, id: string) {
    super(`${entity} ${id} was not found`);
  }
}

/**
 * Too many attempts: HTTP 429. `retryAfter` (whole seconds) is what REST sends as `Retry-After` and
 * GraphQL as `extensions.retryAfter`.
 */
export class RateLimitedException extends HttpException {
  constructor(
    message: string,
    readonly retryAfter: number,
  ) {
    super(
      { statusCode: HttpStatus.TOO_MANY_REQUESTS, code: ErrorCode.RATE_LIMITED, message, retryAfter },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * An id in the input that does not exist in the caller's workspace (or at all: the two are not
 * told apart). NOT_FOUND, with the field named like bad input.
 */
export class ReferenceNotFoundException extends NotFoundException {
  constructor(readonly fields: FieldError[]) {
    super({ message: fields.map((field) => field.message).join('; '), fields });
  }

  static field(path: string, message: string): ReferenceNotFoundException {
    return new ReferenceNotFoundException([{ path, message }]);
  }
}
