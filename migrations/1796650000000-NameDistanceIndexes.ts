import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `IDX_account_name_knn`, `IDX_contact_name_knn`: search finds the names nearest to the words typed
 * (trigram word distance, `<->>`) by walking a GiST index of the workspace's active names, nearest
 * first, and stops at the limit, instead of scoring every name that shares a trigram with them
 * (a common word such as "Pictures" matched a sixth of all accounts). `btree_gist` lets the index
 * hold the workspace id beside the name.
 */
export class NameDistanceIndexes1796650000000 implements MigrationInterface {
  name = 'NameDistanceIndexes1796650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await queryRunner.query(
      'CREATE INDEX "IDX_account_name_knn" ON "account" USING gist ("workspace_id", "name" gist_trgm_ops(siglen=256)) WHERE "archived_at" IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_contact_name_knn" ON "contact" USING gist ("workspace_id", "name" gist_trgm_ops(siglen=256)) WHERE "archived_at" IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_contact_name_knn"');
    await queryRunner.query('DROP INDEX "public"."IDX_account_name_knn"');
    await queryRunner.query('DROP EXTENSION IF EXISTS btree_gist');
  }
}
