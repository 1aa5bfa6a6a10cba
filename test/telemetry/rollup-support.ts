import { DataSource } from 'typeorm';

type Queryable = Pick<DataSource, 'query'>;

/**
 * Polls until no rollup delta or identity count waits (the worker has applied everything), or fails
 * after `timeoutMs`.
 */
export async function waitForRollups(db: Queryable, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ pending }] = await db.query(
      `SELECT (SELECT count(*) FROM usage_rollup_pending) + (SELECT count(*) FROM generator_identity_pending) AS pending`,
    );
    if (Number(pending) === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${pending} rollup deltas still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Every rollup row of a workspace (day and period tables) in a stable order, without `updated_at`:
 * what a rebuild must reproduce exactly.
 */
export async function rollupSnapshot(db: Queryable, workspaceId: string) {
  const figures = `events::text, generations::text, failures::text, video_seconds, gpu_seconds, cost_usd::text,
    distinct_users, render_histogram`;
  return {
    accountDays: await db.query(
      `SELECT account_id, day::text, model, ${figures} FROM usage_rollup_account_day
       WHERE workspace_id = $1 ORDER BY account_id, day, model`,
      [workspaceId],
    ),
    workspaceDays: await db.query(
      `SELECT day::text, model, ${figures} FROM usage_rollup_workspace_day
       WHERE workspace_id = $1 ORDER BY day, model`,
      [workspaceId],
    ),
    accountUsers: await db.query(
      `SELECT account_id, day::text, model, user_key, events::text FROM usage_rollup_account_user
       WHERE workspace_id = $1 ORDER BY account_id, day, model, user_key`,
      [workspaceId],
    ),
    workspaceUsers: await db.query(
      `SELECT day::text, model, user_key, events::text FROM usage_rollup_workspace_user
       WHERE workspace_id = $1 ORDER BY day, model, user_key`,
      [workspaceId],
    ),
    accountPeriods: await db.query(
      `SELECT account_id, grain, day::text, ${figures} FROM usage_rollup_account_period
       WHERE workspace_id = $1 ORDER BY account_id, grain, day`,
      [workspaceId],
    ),
    workspacePeriods: await db.query(
      `SELECT grain, day::text, ${figures} FROM usage_rollup_workspace_period WHERE workspace_id = $1 ORDER BY grain, day`,
      [workspaceId],
    ),
    attributedPeriods: await db.query(
      `SELECT grain, day::text, ${figures} FROM usage_rollup_attributed_period WHERE workspace_id = $1 ORDER BY grain, day`,
      [workspaceId],
    ),
    periodUsers: await db.query(
      `SELECT 'account' AS scope, account_id, grain, day::text, user_key, events::text FROM usage_rollup_account_period_user
        WHERE workspace_id = $1
       UNION ALL
       SELECT 'workspace', NULL, grain, day::text, user_key, events::text FROM usage_rollup_workspace_period_user
        WHERE workspace_id = $1
       UNION ALL
       SELECT 'attributed', NULL, grain, day::text, user_key, events::text FROM usage_rollup_attributed_period_user
        WHERE workspace_id = $1
       ORDER BY 1, 2, 3, 4, 5`,
      [workspaceId],
    ),
  };
}
