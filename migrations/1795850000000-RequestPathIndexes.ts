import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the CRM's request path:
 * - `IDX_task_interaction`: the follow-up tasks of the interactions on a timeline page, read by
 *   interaction (until now a scan of every task of the workspace);
 * - `IDX_account_active`, `IDX_contact_active`: the `totalCount` of the account and contact lists
 *   (active rows of a workspace) counted from a small index instead of the whole table.
 */
export class RequestPathIndexes1795850000000 implements MigrationInterface {
  name = 'RequestPathIndexes1795850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "IDX_task_interaction" ON "task" ("workspace_id", "interaction_id") WHERE "interaction_id" IS NOT NULL',
    );
    await queryRunner.query('CREATE INDEX "IDX_account_active" ON "account" ("workspace_id") WHERE "archived_at" IS NULL');
    await queryRunner.query('CREATE INDEX "IDX_contact_active" ON "contact" ("workspace_id") WHERE "archived_at" IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_contact_active"');
    await queryRunner.query('DROP INDEX "public"."IDX_account_active"');
    await queryRunner.query('DROP INDEX "public"."IDX_task_interaction"');
  }
}
