import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { AccountKind, DashboardFilter, DashboardPeriod } from '../../gql/graphql';

export const PERIOD_PRESETS = ['30', '90', '365'] as const;
const DAY_MS = 86_400_000;

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function today(): string {
  return isoDay(new Date());
}

/** The last `days` days, today included. */
export function lastDays(days: number): DashboardPeriod {
  const to = new Date();
  return { from: isoDay(new Date(to.getTime() - (days - 1) * DAY_MS)), to: isoDay(to) };
}

export interface DashboardParams {
  /** '30', '90', '365' or 'custom'. */
  preset: string;
  period: DashboardPeriod;
  filter: DashboardFilter;
  /** The pipeline's "as of" day; null for now. */
  asOf: string | null;
  set(changes: Record<string, string | null>): void;
}

/**
 * The dashboard's period, filters and pipeline date, read from and written to the address so a
 * view can be bookmarked and shared. Defaults: the last 90 days, no filter, the pipeline now.
 */
export function useDashboardParams(): DashboardParams {
  const [params, setParams] = useSearchParams();
  return useMemo(() => {
    const preset = params.get('period') ?? '90';
    const custom = preset === 'custom' && params.get('from') && params.get('to');
    const period = custom
      ? { from: params.get('from')!, to: params.get('to')! }
      : lastDays(Number(PERIOD_PRESETS.find((p) => p === preset) ?? '90'));
    const owner = params.get('owner');
    const kind = params.get('kind');
    const region = params.get('region');
    const filter: DashboardFilter = {
      ...(owner ? { ownerIds: [owner] } : {}),
      ...(kind ? { kinds: [kind as AccountKind] } : {}),
      ...(region ? { regions: [region] } : {}),
    };
    const asOf = params.get('asOf');
    return {
      preset: custom ? 'custom' : (PERIOD_PRESETS.find((p) => p === preset) ?? '90'),
      period,
      filter,
      asOf: asOf && asOf < today() ? asOf : null,
      set(changes) {
        setParams(withChanges(new URLSearchParams(window.location.search), changes), { replace: true });
      },
    };
  }, [params, setParams]);
}

/**
 * The address's parameters with some set (or removed, when empty). Callers pass the live
 * `window.location.search`: two changes in a row must not start from the same stale render.
 */
export function withChanges(
  params: URLSearchParams,
  changes: Record<string, string | null>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return next;
}

/** The end of an "as of" day, as the instant the pipeline is rebuilt at. */
export function endOfDay(day: string): string {
  return `${day}T23:59:59.999Z`;
}
