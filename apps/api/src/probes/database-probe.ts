import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';

const PROBE_TIMEOUT_MS = 3000;

/**
 * Asks the database whether it answers, on a connection of its own kept open beside the pool: a
 * readiness check must not queue behind requests that keep every pooled connection busy.
 */
@Injectable()
export class DatabaseProbe implements OnModuleDestroy {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    const { url, applicationName } = dataSource.options as PostgresDataSourceOptions;
    this.pool = new Pool({
      connectionString: url,
      application_name: `${applicationName ?? 'greenlight'}-health`,
      max: 1,
      idleTimeoutMillis: 0,
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
      query_timeout: PROBE_TIMEOUT_MS,
    });
    // a lost idle connection is replaced at the next check, which reports the outage if any
    this.pool.on('error', () => undefined);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
