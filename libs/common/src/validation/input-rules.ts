import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/** The dates an input may name: anything outside is a typo or a probe, not a business date. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2200-12-31';
const EARLIEST = Date.parse(`${EARLIEST_DATE}T00:00:00Z`);
const LATEST = Date.parse(`${LATEST_DATE}T23:59:59.999Z`);

/**
 * A date-time (`Date`) or a day (`YYYY-MM-DD`) between `EARLIEST_DATE` and `LATEST_DATE`. Values
 * that are not dates are left to `IsDate`/`IsDateString`, which name that problem.
 */
export const IsDateInRange = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isDateInRange',
      validator: {
        validate: (value: unknown) => {
          const time =
            value instanceof Date
              ? value.getTime()
              : typeof value === 'string'
                ? Date.parse(value)
                : Number.NaN;
          return Number.isNaN(time) || (time >= EARLIEST && time <= LATEST);
        },
        defaultMessage: buildMessage(
          (prefix) => `${prefix}$property must be between ${EARLIEST_DATE} and ${LATEST_DATE}`,
          options,
        ),
      },
    },
    options,
  );

/** Text that is not empty once trimmed (names, titles, summaries: what is stored is trimmed). */
export const IsNotBlank = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0,
        defaultMessage: buildMessage((prefix) => `${prefix}$property must not be blank`, options),
      },
    },
    options,
  );

/**
 * A finite number with at most `decimals` decimals, as a `numeric(p, decimals)` column keeps it
 * (class-validator's `maxDecimalPlaces` fails on numbers written with an exponent, such as 5e-324).
 */
export const HasAtMostDecimals = (decimals: number, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'hasAtMostDecimals',
      constraints: [decimals],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(decimals)) === value,
        defaultMessage: buildMessage(
          (prefix) => `${prefix}$property must be a number with at most ${decimals} decimals`,
          options,
        ),
      },
    },
    options,
  );
