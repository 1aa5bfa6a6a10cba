import { addDays, Day, DAY_MS, InvalidInputException } from '@greenlight/common';
import { isUuid, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { FigureKey, RollupScope, rollupReaderSql } from '../sql/rollup-reader.sql';
import { medianFromHistogram } from './render-histogram';

/** Usage figures over a set of days, read from the rollups (never from raw events). */
export interface UsageTotals {
  /** All events, whatever their kind. */
  events: number;
  /** Completed generations (`generation.completed`). */
  generations: number;
  /** Failed generations (`generation.failed`). */
  failures: number;
  videoSeconds: number;
  gpuSeconds: number;
  costUsd: number;
  /** Distinct generator users (by user email) over the whole window. */
  activeUsers: number;
  /** generations / (generations + failures); null with neither. */
  successRate: number | null;
  /** Median render time in seconds, estimated from the rollups' histogram; null without data. */
  medianRenderSeconds: number | null;
}

export interface UsageDay extends UsageTotals {
  day: Day;
}

/** Usage of one model over a window; `model` is null for events that named none. */
export interface UsageByModel extends UsageTotals {
  model: string | null;
}

/** How far the rollups lag behind acknowledged events, for the current workspace. */
export interface RollupFreshness {
  /** Delta rows not yet applied (counted up to FRESHNESS_COUNT_LIMIT). */
  pendingDeltas: number;
  /** When the oldest of them was written; null when none waits. */
  oldestPendingAt: Date | null;
  /** Seconds since then (0 when nothing waits): how stale the rollups may be at most. */
  lagSeconds: number;
  /** Deltas set aside because they could not be applied: missing from the figures until a rebuild. */
  quarantinedDeltas: number;
}

/** A rollup delta of the current workspace that could not be applied (`usage_rollup_quarantine`). */
export interface QuarantinedRollupDelta {
  id: string;
  day: Day;
  accountId: string | null;
  model: string | null;
  events: number;
  costUsd: number;
  /** The rollup tables it failed on and the database's error. */
  error: string;
  quarantinedAt: Date;
}

/** The longest window a daily series covers: one entry per day. */
const MAX_DAILY_WINDOW_DAYS = 3660;
const FRESHNESS_COUNT_LIMIT = 100_000;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks an inclusive window of days and returns its length; `names` are the fields for errors. */
export function windowLength(from: Day, to: Day, names = { from: 'from', to: 'to' }): number {
  const check = (day: Day, name: string) => {
    const time = DAY.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
    if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day)
      throw InvalidInputException.field(name, `${name} must be a date such as 2026-01-31`);
    return time;
  };
  const start = check(from, names.from);
  const end = check(to, names.to);
  if (end < start)
    throw InvalidInputException.field(names.to, `${names.to} must not be before ${names.from}`);
  return Math.round((end - start) / DAY_MS) + 1;
}

/** Every day of an inclusive window, in order. */
function daysOf(from: Day, to: Day): Day[] {
  const length = windowLength(from, to);
  if (length > MAX_DAILY_WINDOW_DAYS)
    throw InvalidInputException.field('to', `a daily series covers at most ${MAX_DAILY_WINDOW_DAYS} days`);
  return Array.from({ length }, (_, i) => addDays(from, i));
}

interface FigureRow {
  key: string;
  events: number | null;
  generations: number | null;
  failures: number | null;
  video_seconds: number | null;
  gpu_seconds: number | null;
  cost_usd: number | null;
  histogram: number[] | null;
  users: number | null;
}

function totalsOf(row: FigureRow | undefined): UsageTotals {
  const generations = row?.generations ?? 0;
  const failures = row?.failures ?? 0;
  return {
    events: row?.events ?? 0,
    generations,
    failures,
    videoSeconds: row?.video_seconds ?? 0,
    gpuSeconds: row?.gpu_seconds ?? 0,
    costUsd: row?.cost_usd ?? 0,
    activeUsers: row?.users ?? 0,
    successRate: generations + failures > 0 ? generations / (generations + failures) : null,
    medianRenderSeconds: medianFromHistogram(row?.histogram),
  };
}

type Scope = RollupScope;

/**
 * Reads the usage rollups of the current workspace (TenantContext). Windows are inclusive UTC days.
 */
@Injectable()
export class UsageRollupReader {
  constructor(private readonly db: TenantSql) {}

  /** Totals per account over [from, to]; accounts without usage get zeros. One query for all. */
  async totalsForAccounts(accountIds: string[], from: Day, to: Day): Promise<Map<string, UsageTotals>> {
    windowLength(from, to);
    const ids = [...new Set(accountIds.filter((id) => isUuid(id)).map((id) => id.toLowerCase()))];
    const rows = ids.length
      ? await this.figures({ kind: 'account', accountIds: ids }, 'account', from, to)
      : [];
    const byId = new Map(rows.map((row) => [row.key, row]));
    return new Map(accountIds.map((id) => [id, totalsOf(byId.get(id.toLowerCase()))]));
  }

  /** One entry per day of [from, to] (zeros on days without usage) for an account. */
  async dailyForAccount(accountId: string, from: Day, to: Day): Promise<UsageDay[]> {
    const days = daysOf(from, to);
    if (!isUuid(accountId)) return days.map((day) => ({ day, ...totalsOf(undefined) }));
    return this.daily({ kind: 'account', accountIds: [accountId.toLowerCase()] }, days);
  }

  /** One entry per day of [from, to] for the whole workspace, attributed or not. */
  async dailyForWorkspace(from: Day, to: Day): Promise<UsageDay[]> {
    return this.daily({ kind: 'workspace' }, daysOf(from, to));
  }

  /** Totals over [from, to] for the whole workspace, attributed or not. */
  async totalsForWorkspace(from: Day, to: Day): Promise<UsageTotals> {
    windowLength(from, to);
    const [row] = await this.figures({ kind: 'workspace' }, 'total', from, to);
    return totalsOf(row);
  }

  /** Totals per model over [from, to], most events first: for an account, or the workspace (null). */
  async byModel(accountId: string | null, from: Day, to: Day): Promise<UsageByModel[]> {
    windowLength(from, to);
    if (accountId !== null && !isUuid(accountId)) return [];
    const scope: Scope =
      accountId === null ? { kind: 'workspace' } : { kind: 'account', accountIds: [accountId.toLowerCase()] };
    const rows = await this.figures(scope, 'model', from, to);
    return rows
      .map((row) => ({ model: row.key === '' ? null : row.key, ...totalsOf(row) }))
      .sort((a, b) => b.events - a.events || String(a.model).localeCompare(String(b.model)));
  }

  /** How many deltas wait for the worker in this workspace, and since when. */
  async freshness(): Promise<RollupFreshness> {
    const row = (await this.db.first<{ pending: number; oldest: Date | null; lag: number | null; quarantined: number }>(
      rollupReaderSql.freshness(FRESHNESS_COUNT_LIMIT),
    ))!;
    return {
      pendingDeltas: row.pending,
      oldestPendingAt: row.oldest,
      lagSeconds: Math.max(0, row.lag ?? 0),
      quarantinedDeltas: row.quarantined,
    };
  }

  /** The quarantined rollup deltas of the current workspace, most recent first (at most `limit`). */
  quarantine(limit = 100): Promise<QuarantinedRollupDelta[]> {
    return this.db.query<QuarantinedRollupDelta>(rollupReaderSql.quarantine(limit));
  }

  private async daily(scope: Scope, days: Day[]): Promise<UsageDay[]> {
    const rows = await this.figures(scope, 'day', days[0], days[days.length - 1]);
    const byDay = new Map(rows.map((row) => [row.key, row]));
    return days.map((day) => ({ day, ...totalsOf(byDay.get(day)) }));
  }

  /** Sums and distinct users of the rollups over [from, to], grouped by `key`. */
  private figures(scope: Scope, key: FigureKey, from: Day, to: Day): Promise<FigureRow[]> {
    return this.db.query<FigureRow>(rollupReaderSql.figures(scope, key, from, to));
  }
}
