import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidInputException } from '../errors/exceptions';
import { FieldError } from '../errors/error-codes';
import { textInputErrors } from './text-input';

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

/** The parameter type `@nestjs/graphql` gives `@Parent()` (its `GqlParamtype.ROOT`, not exported). */
const GRAPHQL_PARENT = 0;

/**
 * Applies the text rule (`textInputErrors`) to every string of every argument, whatever its type,
 * then validates with class-validator; names fields from the argument they came in (`input.name`),
 * when the argument has a name.
 */
class NamingValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A field resolver's parent (`@Parent()`) is what this server resolved, not input: copying and
    // validating it for every field of every row cost more than the rest of a list's fields.
    if ((metadata.type as unknown) === GRAPHQL_PARENT) return value;
    if (metadata.type !== 'custom') {
      const textErrors = textInputErrors(value, metadata.data ?? '');
      if (textErrors.length > 0) throw new InvalidInputException(textErrors);
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof InvalidInputException) || !metadata.data) throw error;
      throw new InvalidInputException(
        error.fields.map((field) => ({
          path: `${metadata.data}.${field.path}`,
          message: field.message.startsWith(field.path) ? `${metadata.data}.${field.message}` : field.message,
        })),
      );
    }
  }
}

/** Validates every argument with class-validator; unknown properties are refused, not silently kept. */
export function createValidationPipe(): ValidationPipe {
  return new NamingValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputException(toFieldErrors(errors)),
  });
}
