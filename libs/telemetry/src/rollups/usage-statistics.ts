import { Day, DAY_MS, dayOf } from '@greenlight/common';
import { AccountKind, AccountScope, accountScopeSql, narrowsAccounts } from '@greenlight/crm';
import { sql, SqlFragment, sqlStatements, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { periodUsers } from './rollup-sql';
import { bucketPeriods, coverOf, DayWindow, UsagePeriod } from './usage-periods';

export type { DayWindow } from './usage-periods';
export type UsageGranularity = 'day' | 'week';
/** What top accounts and movers are ranked by. */
export type UsageMeasure = 'generations' | 'videoSeconds' | 'costUsd';

/** Dashboard usage sums over some days, from the rollups. */
export interface UsageSums {
  events: number;
  generations: number;
  videoSeconds: number;
  costUsd: number;
}

/** One day, or one UTC week from its Monday (only days inside the window count). */
export interface UsageBucketSums {
  start: Day;
  workspace: UsageSums;
  accounts: UsageSums;
}

export interface UsageSeries {
  workspace: UsageSums;
  accounts: UsageSums;
  buckets: UsageBucketSums[];
}

/** Distinct generator users (by email): over the window (`''`) and per bucket start. */
export type UsersByBucket = Map<string, number>;

/** An account's usage over the window and over the window of the same length just before it. */
export interface AccountUsageSums {
  accountId: string;
  current: UsageSums;
  previous: UsageSums;
}

export interface AccountRanking {
  /** Highest measure over the window first (accounts with none are left out). */
  top: AccountUsageSums[];
  /** Largest change of the measure against the previous window first, up or down. */
  movers: AccountUsageSums[];
}

/** Workspace usage and the part of it every account holds (the rest: events of unmatched identities). */
export interface AttributionFigures {
  workspace: UsageSums;
  attributed: UsageSums;
}

/** Whose usage: the whole workspace, or the accounts of a CRM scope together. */
export type UsageScope = 'workspace' | AccountScope;

const MEASURE_COLUMN: Record<UsageMeasure, 'generations' | 'video_seconds' | 'cost_usd'> = {
  generations: 'generations',
  videoSeconds: 'video_seconds',
  costUsd: 'cost_usd',
};
const SUMS = sql`sum(r.events)::float8 AS events, sum(r.generations)::float8 AS generations,
  sum(r.video_seconds)::float8 AS video_seconds, sum(r.cost_usd)::float8 AS cost_usd`;

interface SumRow {
  events: number | null;
  generations: number | null;
  video_seconds: number | null;
  cost_usd: number | null;
}

export const NO_USAGE: UsageSums = { events: 0, generations: 0, videoSeconds: 0, costUsd: 0 };

function sumsOf(row: SumRow | undefined): UsageSums {
  return {
    events: row?.events ?? 0,
    generations: row?.generations ?? 0,
    videoSeconds: row?.video_seconds ?? 0,
    costUsd: row?.cost_usd ?? 0,
  };
}

const dayAt = (time: number): Day => dayOf(new Date(time));

/** The first day of every bucket the window touches: each day, or the Monday of each week. */
export function bucketStarts(window: DayWindow, granularity: UsageGranularity): Day[] {
  return [...new Set(bucketPeriods(window, granularity).map((period) => period.bucket))];
}

/** The window of the same length that ends the day before `window` starts. */
export function previousWindow(window: DayWindow): DayWindow {
  const from = Date.parse(`${window.from}T00:00:00Z`);
  const length = Date.parse(`${window.to}T00:00:00Z`) - from + DAY_MS;
  return { from: dayAt(from - length), to: dayAt(from - DAY_MS) };
}

/** Periods as the parallel arrays `unnest` reads: grains, first days, and one more column. */
function periodArrays<T>(periods: (UsagePeriod & { tag: T })[]): [string[], string[], T[]] {
  return [periods.map((p) => p.grain), periods.map((p) => p.day), periods.map((p) => p.tag)];
}

/** Periods tagged with what they count for (a bucket, `''` for the window, current or previous). */
type Tagged<T> = (UsagePeriod & { tag: T })[];

/** The periods as a relation `p(grain, day, tag)`. */
function periodsSql<T>(periods: Tagged<T>, tagType: 'text' | 'boolean'): SqlFragment {
  const [grains, days, tags] = periodArrays(periods);
  return sql`unnest(${grains}::text[], ${days}::date[], ${tags}::${sql.keyword(tagType, ['text', 'boolean'])}[]) AS p(grain, day, tag)`;
}

/** Rollup rows `r` of the periods `p`. */
const ofPeriod = (table: SqlIdentifierName) =>
  sql`${sql.identifier(table, ROLLUP_TABLES)} r ON r.workspace_id = ${sql.workspace} AND r.grain = p.grain AND r.day = p.day`;

const ROLLUP_TABLES = ['usage_rollup_workspace_period', 'usage_rollup_account_period', 'usage_rollup_attributed_period'] as const;
type SqlIdentifierName = (typeof ROLLUP_TABLES)[number];

const signed = (sign: 1 | -1) =>
  sign === 1
    ? sql`r.events, r.generations, r.video_seconds, r.cost_usd`
    : sql`-r.events AS events, -r.generations AS generations, -r.video_seconds AS video_seconds, -r.cost_usd AS cost_usd`;

/**
 * Rollup rows of the scope's accounts, joined to the scope's account ids `a`. The ids are read on
 * their own first (OFFSET 0 keeps them apart), so that a period's thousands of rollup rows meet
 * them in one hash join rather than one account lookup by key each.
 */
const inScope = (alias: 'r' | 'u', scope: AccountScope) =>
  sql`JOIN (SELECT a.id FROM account a WHERE a.workspace_id = ${sql.workspace} AND ${accountScopeSql(scope)} OFFSET 0) a
    ON a.id = ${sql.identifier(alias, ['r', 'u'])}.account_id`;

/** A scope naming no owner, kind or region: read from what every account holds together. */
const everyAccount = (scope: AccountScope) => !narrowsAccounts(scope) && !scope.excludeLost;

const SCOPE_EXAMPLE: AccountScope = { includeArchived: false, kinds: [AccountKind.STUDIO, AccountKind.STREAMER] };
const PERIODS_EXAMPLE: Tagged<string> = [
  { grain: 'day', day: '2026-03-29', tag: '2026-03-23' },
  { grain: 'week', day: '2026-03-30', tag: '2026-03-30' },
];

/** The statements of the usage dashboard, over the period rollups. */
const usageDashboardSql = sqlStatements('telemetry.usage-dashboard', {
  /**
   * Sums per tag and over all (tag NULL) of the periods. A scope naming no owner, kind or region
   * reads what every account holds together, less the archived accounts' rows when it leaves them
   * out (those read per archived account, by its key), rather than every account's rows.
   */
  sums: {
    examples: [
      ['workspace', PERIODS_EXAMPLE],
      [{ includeArchived: false }, PERIODS_EXAMPLE],
      [SCOPE_EXAMPLE, PERIODS_EXAMPLE],
    ],
    build: (scope: UsageScope, periods: Tagged<string>) => {
      let rows: SqlFragment;
      if (scope === 'workspace') rows = sql`SELECT p.tag, ${signed(1)} FROM p JOIN ${ofPeriod('usage_rollup_workspace_period')}`;
      else if (!everyAccount(scope))
        rows = sql`SELECT p.tag, ${signed(1)} FROM p JOIN ${ofPeriod('usage_rollup_account_period')} ${inScope('r', scope)}`;
      else if (scope.includeArchived)
        rows = sql`SELECT p.tag, ${signed(1)} FROM p JOIN ${ofPeriod('usage_rollup_attributed_period')}`;
      else
        rows = sql`SELECT p.tag, ${signed(1)} FROM p JOIN ${ofPeriod('usage_rollup_attributed_period')}
          UNION ALL
          SELECT x.* FROM account a CROSS JOIN LATERAL (
            SELECT p.tag, ${signed(-1)} FROM p
              JOIN usage_rollup_account_period r ON r.workspace_id = ${sql.workspace} AND r.account_id = a.id
                AND r.grain = p.grain AND r.day = p.day
            OFFSET 0 -- per archived account, by its key: never through every account's rows
          ) x WHERE a.workspace_id = ${sql.workspace} AND a.archived_at IS NOT NULL`;
      return sql`WITH p AS (SELECT * FROM ${periodsSql(periods, 'text')}), r AS (${rows})
        SELECT r.tag, ${SUMS} FROM r GROUP BY GROUPING SETS ((r.tag), ())`;
    },
  },

  /**
   * Distinct users per tag: over the user rows of the `counted` periods, and the distinct users a
   * `whole` period keeps (a bucket that is one period). Every account together reads the attributed
   * rollups; when archived accounts are left out, the users whose events in a tag's periods all
   * belong to archived accounts (their events there equal the attributed events) are taken away.
   */
  users: {
    examples: [
      ['workspace', PERIODS_EXAMPLE, [{ grain: 'week', day: '2026-03-30', tag: '2026-03-30' }]],
      [{ includeArchived: false }, PERIODS_EXAMPLE, [{ grain: 'week', day: '2026-03-30', tag: '2026-03-30' }]],
      [SCOPE_EXAMPLE, PERIODS_EXAMPLE, []],
    ],
    build: (scope: UsageScope, counted: Tagged<string>, whole: Tagged<string>) => {
      const every = scope !== 'workspace' && everyAccount(scope);
      const target = scope === 'workspace' ? 'workspace' : every ? 'attributed' : 'account';
      const table = `usage_rollup_${target}_period` as const;
      const kept = scope !== 'workspace' && !every ? inScope('u', scope) : sql.empty;
      const lessArchivedOnly =
        scope !== 'workspace' && every && !scope.includeArchived
          ? sql`
        UNION ALL
        SELECT arch.tag, -count(*)::int FROM (
          SELECT x.tag, x.user_key, sum(x.events) AS events FROM account a CROSS JOIN LATERAL (
            SELECT p.tag, u.user_key, u.events FROM tagged p
              JOIN ${periodUsers('account')} u ON u.workspace_id = ${sql.workspace} AND u.account_id = a.id
                AND u.grain = p.grain AND u.day = p.day
            OFFSET 0 -- per archived account, by its key
          ) x WHERE a.workspace_id = ${sql.workspace} AND a.archived_at IS NOT NULL
          GROUP BY x.tag, x.user_key
        ) arch
        WHERE arch.events = (
          SELECT sum(t.events) FROM tagged p
            JOIN ${periodUsers('attributed')} t ON t.workspace_id = ${sql.workspace} AND t.grain = p.grain
              AND t.day = p.day AND t.user_key = arch.user_key
           WHERE p.tag = arch.tag)
        GROUP BY arch.tag`
          : sql.empty;
      return sql`WITH p AS (SELECT * FROM ${periodsSql(counted, 'text')}),
        w AS (SELECT * FROM ${periodsSql(whole, 'text')}),
        tagged AS (SELECT * FROM p UNION ALL SELECT * FROM w),
        active AS (
          SELECT DISTINCT p.tag, u.user_key FROM p
          JOIN ${periodUsers(target)} u ON u.workspace_id = ${sql.workspace} AND u.grain = p.grain AND u.day = p.day
          ${kept}
        ),
        counts AS (
          SELECT tag, count(*)::int AS users FROM active GROUP BY tag
          UNION ALL
          SELECT w.tag, r.distinct_users FROM w
            JOIN ${sql.identifier(table, ROLLUP_TABLES)} r ON r.workspace_id = ${sql.workspace} AND r.grain = w.grain AND r.day = w.day
          ${lessArchivedOnly}
        )
        SELECT tag, sum(users)::int AS users FROM counts GROUP BY tag`;
    },
  },

  /** Each account's sums over the current (tag true) and previous periods: the top and the movers. */
  ranking: {
    examples: [[SCOPE_EXAMPLE, [{ grain: 'month', day: '2026-03-01', tag: true }], 'generations', 10]],
    build: (scope: AccountScope, periods: Tagged<boolean>, measure: UsageMeasure, limit: number) => {
      const column = sql.identifier(MEASURE_COLUMN[measure], ['generations', 'video_seconds', 'cost_usd']);
      const before = sql.identifier(`p_${MEASURE_COLUMN[measure]}`, ['p_generations', 'p_video_seconds', 'p_cost_usd']);
      return sql`WITH per_account AS (
          SELECT r.account_id,
            sum(r.events) FILTER (WHERE p.tag)::float8 AS events,
            sum(r.generations) FILTER (WHERE p.tag)::float8 AS generations,
            sum(r.video_seconds) FILTER (WHERE p.tag)::float8 AS video_seconds,
            sum(r.cost_usd) FILTER (WHERE p.tag)::float8 AS cost_usd,
            sum(r.events) FILTER (WHERE NOT p.tag)::float8 AS p_events,
            sum(r.generations) FILTER (WHERE NOT p.tag)::float8 AS p_generations,
            sum(r.video_seconds) FILTER (WHERE NOT p.tag)::float8 AS p_video_seconds,
            sum(r.cost_usd) FILTER (WHERE NOT p.tag)::float8 AS p_cost_usd
          FROM ${periodsSql(periods, 'boolean')}
          JOIN ${ofPeriod('usage_rollup_account_period')} ${inScope('r', scope)}
          GROUP BY r.account_id
        ),
        measured AS (
          SELECT *, coalesce(${column}, 0) AS now_value, coalesce(${before}, 0) AS before_value FROM per_account
        ),
        top AS (
          SELECT 'top' AS list, * FROM measured WHERE now_value > 0 ORDER BY now_value DESC, account_id LIMIT ${limit}
        ),
        movers AS (
          SELECT 'mover' AS list, * FROM measured WHERE now_value <> before_value
          ORDER BY abs(now_value - before_value) DESC, account_id LIMIT ${limit}
        ),
        listed AS (SELECT * FROM top UNION ALL SELECT * FROM movers)
        SELECT l.list, l.account_id, TRUE AS current, l.events, l.generations, l.video_seconds, l.cost_usd FROM listed l
        UNION ALL
        SELECT l.list, l.account_id, FALSE, l.p_events, l.p_generations, l.p_video_seconds, l.p_cost_usd FROM listed l`;
    },
  },

  /** Distinct users of each account over the current (tag true) and previous periods. */
  accountUsers: {
    examples: [[['00000000-0000-4000-8000-000000000001'], [{ grain: 'month', day: '2026-03-01', tag: true }]]],
    build: (accountIds: string[], periods: Tagged<boolean>) => sql`
      SELECT u.account_id,
        count(DISTINCT u.user_key) FILTER (WHERE p.tag)::int AS current,
        count(DISTINCT u.user_key) FILTER (WHERE NOT p.tag)::int AS previous
      FROM ${periodsSql(periods, 'boolean')}
      JOIN ${periodUsers('account')} u ON u.workspace_id = ${sql.workspace} AND u.account_id = ANY(${accountIds}::uuid[])
        AND u.grain = p.grain AND u.day = p.day
      GROUP BY u.account_id`,
  },

  /** Workspace sums over the periods against the sums every account holds (archived ones too). */
  attribution: {
    examples: [[PERIODS_EXAMPLE]],
    build: (periods: Tagged<string>) => sql`
      WITH p AS (SELECT * FROM ${periodsSql(periods, 'text')})
      SELECT (SELECT row_to_json(w) FROM (SELECT ${SUMS} FROM p JOIN ${ofPeriod('usage_rollup_workspace_period')}) w) AS workspace,
             (SELECT row_to_json(a) FROM (SELECT ${SUMS} FROM p JOIN ${ofPeriod('usage_rollup_attributed_period')}) a) AS attributed`,
  },
});

/**
 * Dashboard figures over the period rollups of the current workspace (never the raw events): each
 * window is read as the fewest whole months, weeks and days that hold it. Account figures count the
 * accounts of a CRM scope, joined in SQL.
 */
@Injectable()
export class UsageStatistics {
  constructor(private readonly sql: TenantSql) {}

  /** Per-bucket and total sums of the whole workspace and of the scope's accounts together. */
  async series(window: DayWindow, granularity: UsageGranularity, scope: AccountScope): Promise<UsageSeries> {
    const periods = bucketPeriods(window, granularity).map((period) => ({ ...period, tag: period.bucket }));
    const [workspace, accounts] = await Promise.all([this.sums('workspace', periods), this.sums(scope, periods)]);
    return {
      workspace: workspace.get('') ?? NO_USAGE,
      accounts: accounts.get('') ?? NO_USAGE,
      buckets: bucketStarts(window, granularity).map((start) => ({
        start,
        workspace: workspace.get(start) ?? NO_USAGE,
        accounts: accounts.get(start) ?? NO_USAGE,
      })),
    };
  }

  /**
   * Distinct users of the scope over the window (`''`) and in each bucket. A bucket that is one
   * period reads the distinct users that period keeps (for the workspace, or every account); the
   * rest count user rows.
   */
  async users(scope: UsageScope, window: DayWindow, granularity: UsageGranularity): Promise<UsersByBucket> {
    const byBucket = bucketPeriods(window, granularity);
    const periodsOf = new Map<string, number>();
    for (const period of byBucket) periodsOf.set(period.bucket, (periodsOf.get(period.bucket) ?? 0) + 1);
    const everyAccount = scope === 'workspace' || (!narrowsAccounts(scope) && !scope.excludeLost);
    const isWhole = (period: { bucket: string }) => everyAccount && periodsOf.get(period.bucket) === 1;
    const counted = [
      ...byBucket.filter((period) => !isWhole(period)).map((period) => ({ ...period, tag: period.bucket })),
      ...coverOf(window).map((period) => ({ ...period, tag: '' })),
    ];
    const whole = byBucket.filter(isWhole).map((period) => ({ ...period, tag: period.bucket }));
    const rows = await this.sql.query<{ tag: string; users: number }>(usageDashboardSql.users(scope, counted, whole));
    return new Map(rows.map((row) => [row.tag, row.users]));
  }

  /** Top accounts of the scope by `measure` over the window and the biggest movers against the previous one. */
  async ranking(window: DayWindow, scope: AccountScope, measure: UsageMeasure, limit: number): Promise<AccountRanking> {
    const rows = await this.sql.query<SumRow & { list: 'top' | 'mover'; account_id: string; current: boolean }>(
      usageDashboardSql.ranking(scope, bothWindows(window), measure, limit),
    );
    const build = (list: 'top' | 'mover') => {
      const byAccount = new Map<string, AccountUsageSums>();
      for (const row of rows.filter((each) => each.list === list)) {
        const entry = byAccount.get(row.account_id) ?? { accountId: row.account_id, current: NO_USAGE, previous: NO_USAGE };
        byAccount.set(row.account_id, entry);
        if (row.current) entry.current = sumsOf(row);
        else entry.previous = sumsOf(row);
      }
      return [...byAccount.values()];
    };
    const value = (sums: UsageSums) => sums[measure];
    const byId = (a: AccountUsageSums, b: AccountUsageSums) => (a.accountId < b.accountId ? -1 : 1);
    return {
      top: build('top').sort((a, b) => value(b.current) - value(a.current) || byId(a, b)),
      movers: build('mover').sort(
        (a, b) =>
          Math.abs(value(b.current) - value(b.previous)) - Math.abs(value(a.current) - value(a.previous)) ||
          byId(a, b),
      ),
    };
  }

  /** Distinct users of each account over the window (`id|true`) and the previous one (`id|false`). */
  async usersOfAccounts(accountIds: string[], window: DayWindow): Promise<Map<string, number>> {
    if (accountIds.length === 0) return new Map();
    const rows = await this.sql.query<{ account_id: string; current: number; previous: number }>(
      usageDashboardSql.accountUsers(accountIds, bothWindows(window)),
    );
    return new Map(
      rows.flatMap((row) => [
        [`${row.account_id}|true`, row.current] as const,
        [`${row.account_id}|false`, row.previous] as const,
      ]),
    );
  }

  /** Workspace totals over the window against the totals every account holds (archived ones too). */
  async attribution(window: DayWindow): Promise<AttributionFigures> {
    const row = await this.sql.first<{ workspace: SumRow; attributed: SumRow }>(
      usageDashboardSql.attribution(coverOf(window).map((period) => ({ ...period, tag: '' }))),
    );
    return { workspace: sumsOf(row?.workspace), attributed: sumsOf(row?.attributed) };
  }

  /** Sums per tag (and `''` for all together) of the periods, for the workspace or the scope's accounts. */
  private async sums(scope: UsageScope, periods: Tagged<string>): Promise<Map<string, UsageSums>> {
    const rows = await this.sql.query<SumRow & { tag: string | null }>(usageDashboardSql.sums(scope, periods));
    return new Map(rows.map((row) => [row.tag ?? '', sumsOf(row)]));
  }
}

/** The periods of the window (tag true) and of the previous window of the same length (false). */
function bothWindows(window: DayWindow): Tagged<boolean> {
  return [
    ...coverOf(window).map((period) => ({ ...period, tag: true })),
    ...coverOf(previousWindow(window)).map((period) => ({ ...period, tag: false })),
  ];
}
