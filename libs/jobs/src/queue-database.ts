import PgBoss from 'pg-boss';
import { Pool } from 'pg';

const POLL_MS = 20;

/**
 * The job queue's connections, held by the queue rather than by pg-boss. pg-boss ends its own pool
 * when it stops, and ending a `pg` pool leaves the requests still waiting for a connection waiting
 * for ever: a worker whose fetch was queued behind others never ends its loop. Here stopping first
 * refuses new statements, lets every statement already asked for run, and only then ends the pool.
 */
export class QueueDatabase implements PgBoss.Db {
  private readonly pool: Pool;
  private closing = false;

  constructor(connectionString: string, max: number, onError: (error: Error) => void) {
    this.pool = new Pool({ connectionString, max, application_name: 'greenlight-jobs' });
    this.pool.on('error', onError);
  }

  executeSql(text: string, values: unknown[] = []): Promise<{ rows: unknown[] }> {
    if (this.closing) return Promise.reject(new Error('the job queue is stopped'));
    return this.pool.query(text, values);
  }

  /** Waits (up to `timeoutMs`) for the statements asked for before closing, then ends the pool. */
  async close(timeoutMs: number): Promise<void> {
    this.closing = true;
    const deadline = Date.now() + timeoutMs;
    while (this.busy() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    await this.pool.end();
  }

  private busy(): boolean {
    return this.pool.waitingCount > 0 || this.pool.idleCount < this.pool.totalCount;
  }
}
