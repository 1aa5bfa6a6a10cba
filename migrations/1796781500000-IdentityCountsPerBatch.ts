import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `generator_identity_pending` holds one row per stored batch, its identities' counts as parallel
 * arrays (`identity_ids`, `event_counts`, `first_seen_ats`, `last_seen_ats`), instead of one row per
 * identity and batch: a batch of many identities writes one row (and its index entries) where it
 * wrote one per identity, and the worker claims and deletes as many fewer. Rows waiting are converted.
 */
export class IdentityCountsPerBatch1796781500000 implements MigrationInterface {
  name = 'IdentityCountsPerBatch1796781500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "generator_identity_pending"
      ADD "identity_ids" uuid[] NOT NULL DEFAULT '{}', ADD "event_counts" bigint[] NOT NULL DEFAULT '{}',
      ADD "first_seen_ats" TIMESTAMP(3) WITH TIME ZONE[] NOT NULL DEFAULT '{}',
      ADD "last_seen_ats" TIMESTAMP(3) WITH TIME ZONE[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`UPDATE "generator_identity_pending" SET "identity_ids" = ARRAY["identity_id"],
      "event_counts" = ARRAY["events"], "first_seen_ats" = ARRAY["first_seen_at"], "last_seen_ats" = ARRAY["last_seen_at"]`);
    await queryRunner.query(`ALTER TABLE "generator_identity_pending" DROP COLUMN "identity_id", DROP COLUMN "events",
      DROP COLUMN "first_seen_at", DROP COLUMN "last_seen_at"`);
    for (const column of ['identity_ids', 'event_counts', 'first_seen_ats', 'last_seen_ats'])
      await queryRunner.query(`ALTER TABLE "generator_identity_pending" ALTER COLUMN "${column}" DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "generator_identity_pending" ADD "identity_id" uuid, ADD "events" bigint,
      ADD "first_seen_at" TIMESTAMP(3) WITH TIME ZONE, ADD "last_seen_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`INSERT INTO "generator_identity_pending" ("workspace_id", "identity_ids", "event_counts",
        "first_seen_ats", "last_seen_ats", "identity_id", "events", "first_seen_at", "last_seen_at")
      SELECT p."workspace_id", '{}', '{}', '{}', '{}', c.* FROM "generator_identity_pending" p
        CROSS JOIN LATERAL unnest(p."identity_ids", p."event_counts", p."first_seen_ats", p."last_seen_ats") AS c`);
    await queryRunner.query(`DELETE FROM "generator_identity_pending" WHERE "identity_id" IS NULL`);
    for (const column of ['identity_id', 'events', 'first_seen_at', 'last_seen_at'])
      await queryRunner.query(`ALTER TABLE "generator_identity_pending" ALTER COLUMN "${column}" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "generator_identity_pending" DROP COLUMN "identity_ids", DROP COLUMN "event_counts",
      DROP COLUMN "first_seen_ats", DROP COLUMN "last_seen_ats"`);
  }
}
