import { Day, DAY_MS, dayOf } from '@greenlight/common';
import { TenantContext } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type UsageGranularity = 'day' | 'week';
/** What top accounts and movers are ranked by. */
export type UsageMeasure = 'generations' | 'videoSeconds' | 'costUsd';

/** Dashboard usage figures over some days, summed from the rollups. */
export interface UsageFigures {
  events: number;
  generations: number;
  videoSeconds: number;
  costUsd: number;
  /** Distinct generator users (by email) over those days. */
  activeUsers: number;
}

/** One day, or one UTC week from its Monday (only days inside the window count). */
export interface UsageBucketFigures {
  start: Day;
  workspace: UsageFigures;
  accounts: UsageFigures;
}

export interface UsageSeries {
  workspace: UsageFigures;
  accounts: UsageFigures;
  buckets: UsageBucketFigures[];
}

/** An account's usage over the window and over the window of the same length just before it. */
export interface AccountUsageFigures {
  accountId: string;
  current: UsageFigures;
  previous: UsageFigures;
}

export interface AccountRanking {
  /** Highest measure over the window first (accounts with none are left out). */
  top: AccountUsageFigures[];
  /** Largest change of the measure against the previous window first, up or down. */
  movers: AccountUsageFigures[];
}

/** Workspace usage and the part of it no account holds (events of unmatched identities). */
export interface AttributionFigures {
  workspace: Omit<UsageFigures, 'activeUsers'>;
  attributed: Omit<UsageFigures, 'activeUsers'>;
}

/** An inclusive window of UTC days. */
export interface DayWindow {
  from: Day;
  to: Day;
}

const MEASURE_SQL: Record<UsageMeasure, string> = {
  generations: 'generations',
  videoSeconds: 'video_seconds',
  costUsd: 'cost_usd',
};
const SUMS = `sum(events)::float8 AS events, sum(generations)::float8 AS generations,
  sum(video_seconds)::float8 AS video_seconds, sum(cost_usd)::float8 AS cost_usd`;

interface SumRow {
  events: number | null;
  generations: number | null;
  video_seconds: number | null;
  cost_usd: number | null;
}

const EMPTY: UsageFigures = { events: 0, generations: 0, videoSeconds: 0, costUsd: 0, activeUsers: 0 };

function figuresOf(row: SumRow | undefined, users = 0): UsageFigures {
  return {
    events: row?.events ?? 0,
    generations: row?.generations ?? 0,
    videoSeconds: row?.video_seconds ?? 0,
    costUsd: row?.cost_usd ?? 0,
    activeUsers: users,
  };
}

const dayAt = (time: number): Day => dayOf(new Date(time));

/** The first day of every bucket the window touches: each day, or the Monday of each week. */
export function bucketStarts(window: DayWindow, granularity: UsageGranularity): Day[] {
  const from = Date.parse(`${window.from}T00:00:00Z`);
  const to = Date.parse(`${window.to}T00:00:00Z`);
  const step = granularity === 'day' ? DAY_MS : 7 * DAY_MS;
  const start = granularity === 'day' ? from : from - ((new Date(from).getUTCDay() + 6) % 7) * DAY_MS;
  const starts: Day[] = [];
  for (let time = start; time <= to; time += step) starts.push(dayAt(time));
  return starts;
}

/** The window of the same length that ends the day before `window` starts. */
export function previousWindow(window: DayWindow): DayWindow {
  const from = Date.parse(`${window.from}T00:00:00Z`);
  const length = Date.parse(`${window.to}T00:00:00Z`) - from + DAY_MS;
  return { from: dayAt(from - length), to: dayAt(from - DAY_MS) };
}

/**
 * Dashboard figures over the usage rollups of the current workspace (never the raw events).
 * Account figures take the ids of the accounts to count, chosen by the caller (the CRM filter).
 */
@Injectable()
export class UsageStatistics {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
  ) {}

  /** Totals and per-bucket figures of the whole workspace and of `accountIds` together. */
  async series(window: DayWindow, granularity: UsageGranularity, accountIds: string[]): Promise<UsageSeries> {
    const [workspace, accounts] = await Promise.all([
      this.byBucket('workspace', window, granularity, null),
      this.byBucket('account', window, granularity, accountIds),
    ]);
    return {
      workspace: workspace.get('') ?? EMPTY,
      accounts: accounts.get('') ?? EMPTY,
      buckets: bucketStarts(window, granularity).map((start) => ({
        start,
        workspace: workspace.get(start) ?? EMPTY,
        accounts: accounts.get(start) ?? EMPTY,
      })),
    };
  }

  /** Top accounts by `measure` over the window and the biggest movers against the previous window. */
  async ranking(
    window: DayWindow,
    accountIds: string[],
    measure: UsageMeasure,
    limit: number,
  ): Promise<AccountRanking> {
    const previous = previousWindow(window);
    const column = MEASURE_SQL[measure];
    const rows: (SumRow & { list: 'top' | 'mover'; account_id: string; current: boolean })[] =
      await this.dataSource.query(
        `WITH per_account AS (
           SELECT d.account_id,
             sum(d.events) FILTER (WHERE d.day >= $3::date)::float8 AS events,
             sum(d.generations) FILTER (WHERE d.day >= $3::date)::float8 AS generations,
             sum(d.video_seconds) FILTER (WHERE d.day >= $3::date)::float8 AS video_seconds,
             sum(d.cost_usd) FILTER (WHERE d.day >= $3::date)::float8 AS cost_usd,
             sum(d.events) FILTER (WHERE d.day < $3::date)::float8 AS p_events,
             sum(d.generations) FILTER (WHERE d.day < $3::date)::float8 AS p_generations,
             sum(d.video_seconds) FILTER (WHERE d.day < $3::date)::float8 AS p_video_seconds,
             sum(d.cost_usd) FILTER (WHERE d.day < $3::date)::float8 AS p_cost_usd
           FROM usage_rollup_account_day d
           JOIN unnest($5::uuid[]) AS chosen(account_id) ON chosen.account_id = d.account_id
           WHERE d.workspace_id = $1 AND d.day BETWEEN $2::date AND $4::date
           GROUP BY d.account_id
         ),
         measured AS (
           SELECT *, coalesce(${column}, 0) AS now_value, coalesce(p_${column}, 0) AS before_value FROM per_account
         ),
         top AS (
           SELECT 'top' AS list, * FROM measured WHERE now_value > 0
           ORDER BY now_value DESC, account_id LIMIT $6
         ),
         movers AS (
           SELECT 'mover' AS list, * FROM measured WHERE now_value <> before_value
           ORDER BY abs(now_value - before_value) DESC, account_id LIMIT $6
         ),
         listed AS (SELECT * FROM top UNION ALL SELECT * FROM movers)
         SELECT l.list, l.account_id, TRUE AS current, l.events, l.generations, l.video_seconds, l.cost_usd FROM listed l
         UNION ALL
         SELECT l.list, l.account_id, FALSE, l.p_events, l.p_generations, l.p_video_seconds, l.p_cost_usd FROM listed l`,
        [this.context.currentWorkspaceId(), previous.from, window.from, window.to, accountIds, limit],
      );
    const listed = [...new Set(rows.map((row) => row.account_id))];
    const users = await this.usersOfAccounts(listed, window, previous);
    const build = (list: 'top' | 'mover') => {
      const byAccount = new Map<string, AccountUsageFigures>();
      for (const row of rows.filter((each) => each.list === list)) {
        const entry = byAccount.get(row.account_id) ?? {
          accountId: row.account_id,
          current: EMPTY,
          previous: EMPTY,
        };
        byAccount.set(row.account_id, entry);
        const counted = users.get(`${row.account_id}|${row.current}`) ?? 0;
        if (row.current) entry.current = figuresOf(row, counted);
        else entry.previous = figuresOf(row, counted);
      }
      return [...byAccount.values()];
    };
    const value = (figures: UsageFigures) => figures[measure];
    const byId = (a: AccountUsageFigures, b: AccountUsageFigures) => (a.accountId < b.accountId ? -1 : 1);
    return {
      top: build('top').sort((a, b) => value(b.current) - value(a.current) || byId(a, b)),
      movers: build('mover').sort(
        (a, b) =>
          Math.abs(value(b.current) - value(b.previous)) - Math.abs(value(a.current) - value(a.previous)) ||
          byId(a, b),
      ),
    };
  }

  /** Workspace totals over the window against the totals every account holds. */
  async attribution(window: DayWindow): Promise<AttributionFigures> {
    const [row]: { workspace: SumRow; attributed: SumRow }[] = await this.dataSource.query(
      `SELECT (SELECT row_to_json(w) FROM (SELECT ${SUMS} FROM usage_rollup_workspace_day
                WHERE workspace_id = $1 AND day BETWEEN $2::date AND $3::date) w) AS workspace,
              (SELECT row_to_json(a) FROM (SELECT ${SUMS} FROM usage_rollup_account_day
                WHERE workspace_id = $1 AND day BETWEEN $2::date AND $3::date) a) AS attributed`,
      [this.context.currentWorkspaceId(), window.from, window.to],
    );
    const strip = ({ activeUsers: _users, ...figures }: UsageFigures) => figures;
    return { workspace: strip(figuresOf(row.workspace)), attributed: strip(figuresOf(row.attributed)) };
  }

  /**
   * Sums and distinct users per bucket start (`''` holds the whole window). Users are made distinct
   * per bucket first; the window's distinct users come from that smaller set.
   */
  private async byBucket(
    table: 'workspace' | 'account',
    window: DayWindow,
    granularity: UsageGranularity,
    accountIds: string[] | null,
  ): Promise<Map<string, UsageFigures>> {
    const bucket = granularity === 'day' ? 'day' : `date_trunc('week', day)::date`;
    const parameters: unknown[] = [this.context.currentWorkspaceId(), window.from, window.to];
    const chosen = accountIds ? 'JOIN unnest($4::uuid[]) AS chosen(account_id) USING (account_id)' : '';
    if (accountIds) parameters.push(accountIds);
    const where = `workspace_id = $1 AND day BETWEEN $2::date AND $3::date`;
    const rows: (SumRow & { bucket: string | null; users: number | null })[] = await this.dataSource.query(
      `WITH sums AS (
         SELECT to_char(${bucket}, 'YYYY-MM-DD') AS bucket, ${SUMS}
         FROM usage_rollup_${table}_day ${chosen} WHERE ${where}
         GROUP BY GROUPING SETS ((${bucket}), ())
       ),
       active AS MATERIALIZED (
         SELECT DISTINCT ${bucket} AS start, user_key
         FROM usage_rollup_${table}_user ${chosen} WHERE ${where} AND events > 0
       ),
       users AS (
         SELECT to_char(start, 'YYYY-MM-DD') AS bucket, count(*)::int AS users FROM active GROUP BY start
         UNION ALL
         SELECT NULL, count(*)::int FROM (SELECT DISTINCT user_key FROM active) everyone
       )
       SELECT coalesce(s.bucket, '') AS bucket, s.events, s.generations, s.video_seconds, s.cost_usd, u.users
       FROM sums s LEFT JOIN users u ON u.bucket IS NOT DISTINCT FROM s.bucket`,
      parameters,
    );
    return new Map(rows.map((row) => [row.bucket ?? '', figuresOf(row, row.users ?? 0)]));
  }

  /** Distinct users of each account over the window (`id|true`) and the previous one (`id|false`). */
  private async usersOfAccounts(accountIds: string[], window: DayWindow, previous: DayWindow) {
    if (accountIds.length === 0) return new Map<string, number>();
    const rows: { account_id: string; current: number; previous: number }[] = await this.dataSource.query(
      `SELECT account_id,
         count(DISTINCT user_key) FILTER (WHERE day >= $3::date)::int AS current,
         count(DISTINCT user_key) FILTER (WHERE day < $3::date)::int AS previous
       FROM usage_rollup_account_user
       WHERE workspace_id = $1 AND account_id = ANY($5::uuid[]) AND day BETWEEN $2::date AND $4::date AND events > 0
       GROUP BY account_id`,
      [this.context.currentWorkspaceId(), previous.from, window.from, window.to, accountIds],
    );
    return new Map(
      rows.flatMap((row) => [
        [`${row.account_id}|true`, row.current] as const,
        [`${row.account_id}|false`, row.previous] as const,
      ]),
    );
  }
}
