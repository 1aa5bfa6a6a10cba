import { sql, sqlStatements } from '@greenlight/identity';

const ID = '00000000-0000-4000-8000-0000000000d1';
const AT = new Date('2026-04-01T00:00:00Z');

export const webhooksSql = sqlStatements('webhooks', {
  /**
   * Takes up to `limit` outbox events of any workspace (oldest first, skipping those another
   * instance holds) and turns each into one delivery per enabled endpoint subscribed to its type,
   * all in one statement: the events leave the outbox exactly when their deliveries exist. Answers
   * the new deliveries, and one row with a null id counting the events taken.
   */
  dispatch: {
    examples: [[500]],
    acrossWorkspaces: 'the dispatcher turns the events of every workspace into deliveries',
    build: (limit: number) => sql`
      WITH taken AS (
        DELETE FROM outbox_event o
         WHERE (o.workspace_id, o.id) IN (
           SELECT workspace_id, id FROM outbox_event ORDER BY occurred_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING o.workspace_id, o.id, o.type, o.version, o.occurred_at, o.data
      ), created AS (
        INSERT INTO webhook_delivery (workspace_id, endpoint_id, event_id, event_type, payload)
        SELECT t.workspace_id, e.id, t.id, t.type,
               jsonb_build_object('type', t.type, 'version', t.version, 'id', t.id,
                 'timestamp', to_char(t.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'workspaceId', t.workspace_id, 'data', t.data)
          FROM taken t
          JOIN webhook_endpoint e ON e.workspace_id = t.workspace_id AND e.enabled AND t.type = ANY(e.event_types)
        ON CONFLICT (workspace_id, endpoint_id, event_id) DO NOTHING
        RETURNING workspace_id, id
      )
      SELECT workspace_id, id, NULL::int AS taken FROM created
      UNION ALL SELECT NULL, NULL, (SELECT count(*)::int FROM taken)`,
  },

  /** Deliveries created before `before` whose first job was never sent (the process stopped in between). */
  unqueued: {
    examples: [[AT, 500]],
    acrossWorkspaces: 'deliveries of every workspace left without a job are sent again',
    build: (before: Date, limit: number) => sql`
      SELECT workspace_id, id FROM webhook_delivery
       WHERE enqueued_at IS NULL AND created_at < ${before} AND status = 'pending'
       ORDER BY created_at LIMIT ${limit}`,
  },

  /** Notes that the first jobs of these deliveries (workspace and id, pairwise) were sent. */
  markEnqueued: {
    examples: [[[ID], [ID]]],
    acrossWorkspaces: 'one dispatch sends jobs for deliveries of several workspaces',
    build: (workspaceIds: string[], ids: string[]) => sql`
      UPDATE webhook_delivery SET enqueued_at = now()
       WHERE (workspace_id, id) IN (SELECT * FROM unnest(${workspaceIds}::uuid[], ${ids}::uuid[]))
         AND enqueued_at IS NULL`,
  },

  /** A delivery with what its attempt needs of its endpoint. */
  forAttempt: {
    examples: [[ID]],
    build: (id: string) => sql`
      SELECT d.id, d.status, d.attempts, d.payload, d.created_at, d.endpoint_id,
             e.url, e.secret, e.format, e.enabled, e.failing_since
        FROM webhook_delivery d
        JOIN webhook_endpoint e ON e.workspace_id = d.workspace_id AND e.id = d.endpoint_id
       WHERE d.workspace_id = ${sql.workspace} AND d.id = ${id}`,
  },

  /** Logs one attempt. */
  insertAttempt: {
    examples: [[ID, 1, AT, 120, 500, false, 'the endpoint answered 500', false]],
    build: (
      deliveryId: string,
      attempt: number,
      at: Date,
      durationMs: number,
      statusCode: number | null,
      succeeded: boolean,
      error: string | null,
      manual: boolean,
    ) => sql`
      INSERT INTO webhook_attempt (workspace_id, delivery_id, attempt, at, duration_ms, status_code, succeeded, error, manual)
      VALUES (${sql.workspace}, ${deliveryId}, ${attempt}, ${at}, ${durationMs}, ${statusCode}, ${succeeded}, ${error}, ${manual})`,
  },

  /** A delivery after an attempt: its status, count, last answer and next attempt. */
  afterAttempt: {
    examples: [[ID, 'pending', AT, 500, 'the endpoint answered 500', AT]],
    build: (
      id: string,
      status: string,
      at: Date,
      statusCode: number | null,
      error: string | null,
      nextAttemptAt: Date | null,
    ) => sql`
      UPDATE webhook_delivery
         SET status = ${status}::webhook_delivery_status, attempts = attempts + 1, last_attempt_at = ${at},
             last_status_code = ${statusCode}, last_error = ${error}, next_attempt_at = ${nextAttemptAt},
             delivered_at = CASE WHEN ${status} = 'delivered' THEN ${at} ELSE delivered_at END
       WHERE workspace_id = ${sql.workspace} AND id = ${id}
       RETURNING attempts`,
  },

  /** A pending delivery that will not be attempted again (retries ran out, endpoint disabled). */
  giveUp: {
    examples: [[ID, 'the endpoint is disabled']],
    build: (id: string, error: string) => sql`
      UPDATE webhook_delivery SET status = 'failed', next_attempt_at = NULL, last_error = ${error}
       WHERE workspace_id = ${sql.workspace} AND id = ${id} AND status = 'pending'`,
  },

  /** An answer came: the endpoint is no longer failing. */
  endpointSucceeded: {
    examples: [[ID]],
    build: (id: string) => sql`
      UPDATE webhook_endpoint SET failing_since = NULL
       WHERE workspace_id = ${sql.workspace} AND id = ${id} AND failing_since IS NOT NULL`,
  },

  /** An attempt failed: the endpoint is failing since then, unless it already was. */
  endpointFailed: {
    examples: [[ID, AT]],
    build: (id: string, at: Date) => sql`
      UPDATE webhook_endpoint SET failing_since = coalesce(failing_since, ${at})
       WHERE workspace_id = ${sql.workspace} AND id = ${id}
       RETURNING failing_since, enabled`,
  },

  /** Disables an endpoint still enabled and failing since `before` or earlier; answers it if so. */
  disableFailing: {
    examples: [[ID, AT, 'no delivery succeeded for 24 h']],
    build: (id: string, before: Date, reason: string) => sql`
      UPDATE webhook_endpoint SET enabled = false, disabled_reason = ${reason}, updated_at = now()
       WHERE workspace_id = ${sql.workspace} AND id = ${id} AND enabled AND failing_since <= ${before}
       RETURNING id, url`,
  },

  /** The attempts of some deliveries, for the log. */
  attemptsOf: {
    examples: [[[ID]]],
    build: (deliveryIds: string[]) => sql`
      SELECT id, delivery_id, attempt, at, duration_ms, status_code, succeeded, error, manual
        FROM webhook_attempt
       WHERE workspace_id = ${sql.workspace} AND delivery_id = ANY(${deliveryIds}::uuid[])
       ORDER BY delivery_id, attempt, at`,
  },
});
