import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `generator_identity_pending`: each ingested batch appends its event count and first/last seen
 * times per generator identity here, in the statement that stores the events, and the rollup
 * worker adds them to `generator_identity` (claimed, applied and deleted in one transaction, as the
 * rollup deltas). Batches then only share-lock the identities they attribute by, instead of
 * updating them, so batches of the same identities run side by side.
 */
export class IdentityCountsPending1796400100000 implements MigrationInterface {
  name = 'IdentityCountsPending1796400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "generator_identity_pending" (
      "id" bigserial NOT NULL,
      "workspace_id" uuid NOT NULL,
      "identity_id" uuid NOT NULL,
      "events" bigint NOT NULL,
      "first_seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
      "last_seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_generator_identity_pending" PRIMARY KEY ("workspace_id", "id"))`);
    // the worker claims them in id order across workspaces
    await queryRunner.query(
      `CREATE INDEX "IDX_generator_identity_pending_id" ON "generator_identity_pending" ("id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "generator_identity" g SET "event_count" = g."event_count" + p."events",
         "first_seen_at" = LEAST(g."first_seen_at", p."first_seen"), "last_seen_at" = GREATEST(g."last_seen_at", p."last_seen")
       FROM (SELECT "workspace_id", "identity_id", sum("events") AS "events", min("first_seen_at") AS "first_seen",
                    max("last_seen_at") AS "last_seen"
               FROM "generator_identity_pending" GROUP BY "workspace_id", "identity_id") p
       WHERE g."workspace_id" = p."workspace_id" AND g."id" = p."identity_id"`,
    );
    await queryRunner.query(`DROP TABLE "generator_identity_pending"`);
  }
}
