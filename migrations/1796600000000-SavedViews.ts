import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each member's saved list views (filters, order and columns of a web list, by name). */
export class SavedViews1796600000000 implements MigrationInterface {
  name = 'SavedViews1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."list_kind" AS ENUM('accounts', 'contacts', 'interactions', 'tasks', 'audit')`,
    );
    await queryRunner.query(`CREATE TABLE "saved_view" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "workspace_id" uuid NOT NULL,
      "member_id" uuid NOT NULL,
      "list" "public"."list_kind" NOT NULL,
      "name" text NOT NULL,
      "query" text NOT NULL,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_saved_view" PRIMARY KEY ("workspace_id", "id"))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_saved_view_member_list_name" ON "saved_view" ("workspace_id", "member_id", "list", "name")`,
    );
    await queryRunner.query(
      `ALTER TABLE "saved_view" ADD CONSTRAINT "FK_saved_view_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "saved_view" ADD CONSTRAINT "FK_saved_view_member" FOREIGN KEY ("workspace_id", "member_id") REFERENCES "membership"("workspace_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "saved_view"`);
    await queryRunner.query(`DROP TYPE "public"."list_kind"`);
  }
}
