import { MigrationInterface, QueryRunner } from 'typeorm';

/** Saved views of the Beta access list of grants. */
export class GrantsListViews1796700500000 implements MigrationInterface {
  name = 'GrantsListViews1796700500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."list_kind" ADD VALUE IF NOT EXISTS 'grants'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "saved_view" WHERE "list" = 'grants'`);
    await queryRunner.query(`ALTER TYPE "public"."list_kind" RENAME TO "list_kind_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."list_kind" AS ENUM('accounts', 'contacts', 'interactions', 'tasks', 'audit')`,
    );
    await queryRunner.query(
      `ALTER TABLE "saved_view" ALTER COLUMN "list" TYPE "public"."list_kind" USING "list"::text::"public"."list_kind"`,
    );
    await queryRunner.query(`DROP TYPE "public"."list_kind_old"`);
  }
}
