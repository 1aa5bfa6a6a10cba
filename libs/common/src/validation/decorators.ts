import { applyDecorators } from '@nestjs/common';
import { IsDateString, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsDateInRange, IsNotBlank } from './input-rules';

/** An absent or null value passes; `each`: the rule applies to every item of a list. */
export interface RuleOptions {
  optional?: boolean;
  each?: boolean;
}

const optionally = (optional: boolean | undefined) => (optional ? [IsOptional()] : []);

/** Decorators in the order they would be written above a property (applied bottom first, as there). */
const stack = (...decorators: PropertyDecorator[]): PropertyDecorator =>
  applyDecorators(...decorators.reverse()) as PropertyDecorator;

/**
 * The id of a row, e.g. `@IdArg('an account')`: refused unless a UUID, with "accountId must be an
 * account id" (or "accountIds must be account ids" with `each`).
 */
export function IdArg(what: string, { optional, each }: RuleOptions = {}): PropertyDecorator {
  const message = each
    ? `$property must be ${what.replace(/^an? /, '')} ids`
    : `$property must be ${what} id`;
  return stack(...optionally(optional), IsUUID('all', { each, message }));
}

/**
 * Text of at most `max` characters, not blank unless `blank` (names, titles, summaries are stored
 * trimmed, so a text of spaces would store nothing).
 */
export function Text({
  max,
  optional,
  blank,
}: {
  max: number;
  optional?: boolean;
  blank?: boolean;
}): PropertyDecorator {
  return stack(...optionally(optional), IsString(), ...(blank ? [] : [IsNotBlank()]), MaxLength(max));
}

/** A UTC calendar day, `YYYY-MM-DD`, between the earliest and latest dates an input may name. */
export function IsDay({ optional }: Pick<RuleOptions, 'optional'> = {}): PropertyDecorator {
  return stack(
    ...optionally(optional),
    IsDateString({ strict: true }, { message: '$property must be a date such as 2026-03-01' }),
    IsDateInRange(),
  );
}
