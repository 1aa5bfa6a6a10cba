import { applyDecorators } from '@nestjs/common';
import { IsEmail, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

const EMAIL_MAX_LENGTH = 254;
const NAME_MAX_LENGTH = 200;

/** An email address argument. */
export const IsEmailField = (field: string) =>
  applyDecorators(
    IsEmail({}, { message: `${field} must be a valid email address` }),
    MaxLength(EMAIL_MAX_LENGTH, { message: `${field} must be at most ${EMAIL_MAX_LENGTH} characters long` }),
  );

/** A required, non-blank text argument of at most `max` characters. */
export const IsTextField = (field: string, max = NAME_MAX_LENGTH) =>
  applyDecorators(
    IsString({ message: `${field} must be text` }),
    Matches(/\S/, { message: `${field} must not be blank` }),
    MaxLength(max, { message: `${field} must be at most ${max} characters long` }),
  );

/** An id argument. */
export const IsIdField = (field: string) => IsUUID('all', { message: `${field} must be an id (a UUID)` });
