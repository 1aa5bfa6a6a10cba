import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Covering indexes for the dashboard queries (see docs/analytics.md), so each figure is read from
 * an index without visiting the table rows:
 * - the stage of every account at an instant: its last transition at or before it, per account;
 * - funnel cohorts and stays: the transitions of a period;
 * - team activity: the interactions of a period with their kind and who logged them.
 * Declared on the entities with `synchronize: false` (TypeORM cannot describe INCLUDE).
 */
export class AnalyticsIndexes1795700300000 implements MigrationInterface {
  name = 'AnalyticsIndexes1795700300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_stage_transition_account_at_stage" ON "stage_transition" ("workspace_id", "account_id", "at", "id") INCLUDE ("to_stage_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_stage_transition_workspace_at_stage" ON "stage_transition" ("workspace_id", "at") INCLUDE ("account_id", "to_stage_id", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_interaction_workspace_occurred_activity" ON "interaction" ("workspace_id", "occurred_at") INCLUDE ("id", "kind", "logged_by_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_interaction_workspace_occurred_activity"`);
    await queryRunner.query(`DROP INDEX "IDX_stage_transition_workspace_at_stage"`);
    await queryRunner.query(`DROP INDEX "IDX_stage_transition_account_at_stage"`);
  }
}
