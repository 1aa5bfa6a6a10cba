import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per API key token buckets of the ingestion routes. SQL only (no entity): written by one upsert per
 * request. UNLOGGED: counters need no crash safety, and skipping the WAL keeps the upsert cheap.
 */
export class IngestRateLimit1795700050000 implements MigrationInterface {
  name = 'IngestRateLimit1795700050000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "ingest_rate_limit" (
         "api_key_id" uuid NOT NULL,
         "workspace_id" uuid NOT NULL,
         "request_tokens" double precision NOT NULL,
         "event_tokens" double precision NOT NULL,
         "refilled_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
         "admitted" boolean NOT NULL,
         CONSTRAINT "PK_ingest_rate_limit" PRIMARY KEY ("api_key_id")
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ingest_rate_limit"`);
  }
}
