import { FieldError } from '@greenlight/common';
import { PilotComparator, PilotMetric } from '../enums';

export interface CriterionShape {
  metric: PilotMetric;
  comparator?: PilotComparator | null;
  target?: number | null;
  label?: string | null;
  windowStart?: string | null;
  windowEnd?: string | null;
}

/**
 * What is wrong with a criterion of a pilot running `pilot.startDate`–`pilot.endDate`: telemetry
 * metrics need a comparator and a positive target (SUCCESS_RATE at most 1); MANUAL needs a label
 * and takes neither; the evaluation window must not end before it starts. Paths start at `prefix`.
 */
export function criterionProblems(
  criterion: CriterionShape,
  pilot: { startDate: string; endDate: string },
  prefix: string,
): FieldError[] {
  const problems: FieldError[] = [];
  const problem = (field: string, reason: string) =>
    problems.push({ path: `${prefix}.${field}`, message: `${prefix}.${field} ${reason}` });
  const metric = criterion.metric.toUpperCase();
  if (criterion.metric === PilotMetric.MANUAL) {
    if (criterion.comparator) problem('comparator', 'must be left out for MANUAL criteria');
    if (criterion.target !== null && criterion.target !== undefined)
      problem('target', 'must be left out for MANUAL criteria: a member sets them met or not');
    if (!criterion.label?.trim()) problem('label', 'is required for MANUAL criteria');
  } else {
    if (!criterion.comparator) problem('comparator', `is required for ${metric}: AT_LEAST or AT_MOST`);
    const target = criterion.target;
    if (target === null || target === undefined) problem('target', `is required for ${metric}`);
    else if (!(target > 0)) problem('target', 'must be a positive number');
    else if (criterion.metric === PilotMetric.SUCCESS_RATE && target > 1)
      problem('target', 'must be a share between 0 and 1 for SUCCESS_RATE (e.g. 0.95)');
  }
  const start = criterion.windowStart ?? pilot.startDate;
  const end = criterion.windowEnd ?? pilot.endDate;
  if (end < start)
    problem(
      criterion.windowEnd ? 'windowEnd' : 'windowStart',
      `leaves an empty evaluation window (${start} to ${end})`,
    );
  return problems;
}
