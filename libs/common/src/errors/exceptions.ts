import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { FieldError } from './error-codes';

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

export class NotAllowedException extends ForbiddenException {}
