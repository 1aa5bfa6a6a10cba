import { ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidInputException } from '../errors/exceptions';
import { FieldError } from '../errors/error-codes';

/** Flattens class-validator errors into dotted field paths with their messages. */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      path,
      message:
        constraint === 'whitelistValidation'
          ? `${path} is not an accepted field`
          : message.startsWith(error.property)
            ? message.replace(error.property, path)
            : `${path}: ${message}`,
    }));
    return [...own, ...toFieldErrors(error.children ?? [], path)];
  });
}

/** Validates every argument with class-validator; unknown properties are refused, not silently kept. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputException(toFieldErrors(errors)),
  });
}
