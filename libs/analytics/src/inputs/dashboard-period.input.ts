import { addDays, dayOf, daysBetween, InvalidInputException, IsDay, startOfDay } from '@greenlight/common';
import { Interval } from '@greenlight/crm';
import { Field, InputType } from '@nestjs/graphql';

/** The longest period a dashboard figure covers, in days. */
const MAX_PERIOD_DAYS = 731;

/** A run of whole UTC days, both ends included. */
@InputType()
export class DashboardPeriod {
  @Field({ description: 'First day, `YYYY-MM-DD` (UTC).' })
  @IsDay()
  from: string;

  @Field({ description: 'Last day, included, `YYYY-MM-DD` (UTC).' })
  @IsDay()
  to: string;
}

/** A checked period as instants: `[from 00:00Z, the day after to 00:00Z)`, and its length in days. */
export interface Period extends Interval {
  fromDay: string;
  toDay: string;
  days: number;
}

/** Checks the period (`name` is the argument, for error paths) and turns it into instants. */
export function toPeriod(period: DashboardPeriod, name = 'period'): Period {
  const from = startOfDay(period.from);
  if (dayOf(from) !== period.from)
    throw InvalidInputException.field(`${name}.from`, `${name}.from is not a calendar date`);
  if (dayOf(startOfDay(period.to)) !== period.to)
    throw InvalidInputException.field(`${name}.to`, `${name}.to is not a calendar date`);
  if (period.to < period.from)
    throw InvalidInputException.field(`${name}.to`, `${name}.to must not be before ${name}.from`);
  const days = daysBetween(period.from, period.to) + 1;
  if (days > MAX_PERIOD_DAYS)
    throw InvalidInputException.field(
      `${name}.to`,
      `${name} covers ${days} days; at most ${MAX_PERIOD_DAYS} are allowed`,
    );
  return { from, to: startOfDay(addDays(period.to, 1)), fromDay: period.from, toDay: period.to, days };
}
