import type { PilotComparator, PilotIntegrationKind, PilotMetric, PilotStatus } from '../../gql/graphql';
import { formatShare, formatUsd } from '../../ui/format';

export const PILOT_STATUSES: PilotStatus[] = [
  'PROPOSED',
  'SCOPING',
  'ACTIVE',
  'PAUSED',
  'SUCCEEDED',
  'CONVERTED',
  'FAILED',
];
export const INTEGRATION_KINDS: PilotIntegrationKind[] = [
  'API',
  'EDITING_SUITE_PLUGIN',
  'PIPELINE_INTEGRATION',
  'CREATIVE_SPRINT',
];
export const PILOT_METRICS: PilotMetric[] = [
  'GENERATIONS',
  'VIDEO_SECONDS',
  'ACTIVE_USERS',
  'SUCCESS_RATE',
  'MEDIAN_RENDER_SECONDS',
  'SPEND_USD',
  'MANUAL',
];

export const METRIC_LABELS: Record<PilotMetric, string> = {
  GENERATIONS: 'Generations',
  VIDEO_SECONDS: 'Seconds of video',
  ACTIVE_USERS: 'Active users',
  SUCCESS_RATE: 'Success rate',
  MEDIAN_RENDER_SECONDS: 'Median render time (s)',
  SPEND_USD: 'Spend (USD)',
  MANUAL: 'Decided by hand',
};

export const COMPARATOR_LABELS: Record<PilotComparator, string> = {
  AT_LEAST: 'at least',
  AT_MOST: 'at most',
};

/** A metric's value as people read it: a share for rates, dollars for spend, seconds for render times. */
export function formatMetric(metric: PilotMetric, value: number | null | undefined): string {
  if (value == null) return '—';
  if (metric === 'SUCCESS_RATE') return formatShare(value);
  if (metric === 'SPEND_USD') return formatUsd(value);
  if (metric === 'MEDIAN_RENDER_SECONDS') return `${value.toFixed(1)} s`;
  if (metric === 'VIDEO_SECONDS') return `${Math.round(value).toLocaleString()} s`;
  return Math.round(value).toLocaleString();
}

/** "1 day left", "6 days left", from the API's `daysLeft` (the server owns the calendar rule). */
export function daysLeftText(daysLeft: number): string {
  return `${daysLeft} ${daysLeft === 1 ? 'day' : 'days'} left`;
}
