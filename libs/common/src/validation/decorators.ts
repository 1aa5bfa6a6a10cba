import { applyDecorators } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { buildMessage, IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateBy } from 'class-validator';
import { isCalendarDate } from './calendar-date';
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

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A UTC calendar day written `YYYY-MM-DD` (no time, week or ordinal forms) that exists, between the
 * earliest and latest dates an input may name.
 */
export function IsDay({ optional }: Pick<RuleOptions, 'optional'> = {}): PropertyDecorator {
  return stack(
    ...optionally(optional),
    ValidateBy({
      name: 'isDay',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && DAY.test(value) && isCalendarDate(value),
        defaultMessage: buildMessage((prefix) => `${prefix}$property must be a date such as 2026-03-01`),
      },
    }),
    IsDateInRange(),
  );
}

/** A date-time (`Date`, as the GraphQL scalar gives it) between the earliest and latest dates an input may name. */
export function IsDateTime({ optional }: Pick<RuleOptions, 'optional'> = {}): PropertyDecorator {
  return stack(...optionally(optional), IsDate({ message: '$property must be a date-time' }), IsDateInRange());
}

/**
 * An optional list argument naming an order, e.g. `@SortArg(TaskSortField, TaskSortField.DUE_AT)` on
 * `sortBy` or `@SortArg(SortDirection, SortDirection.ASC)` on `sortDirection`: a GraphQL enum with its
 * default, refused unless one of the enum's values ("sortBy must be DUE_AT, CREATED_AT or TITLE").
 */
export function SortArg<E extends Record<string, string>>(values: E, defaultValue: E[keyof E]): PropertyDecorator {
  const names = Object.keys(values);
  const listed = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
  const enumType: object = values;
  return stack(
    Field(() => enumType, { nullable: true, defaultValue }),
    IsOptional(),
    IsEnum(values, { message: `$property must be ${listed}` }),
  );
}
