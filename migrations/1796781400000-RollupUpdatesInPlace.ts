import { MigrationInterface, QueryRunner } from 'typeorm';

const ROLLUP_TABLES = [
  'usage_rollup_account_day',
  'usage_rollup_workspace_day',
  'usage_rollup_account_user',
  'usage_rollup_workspace_user',
  'usage_rollup_account_period',
  'usage_rollup_workspace_period',
  'usage_rollup_attributed_period',
  'usage_rollup_account_period_user',
  'usage_rollup_workspace_period_user',
  'usage_rollup_attributed_period_user',
];

/** Tables whose indexes hold no figure: an update of their figures can stay on its page (HOT). */
const UPDATED_IN_PLACE = [
  'usage_rollup_workspace_day',
  'usage_rollup_workspace_period',
  'usage_rollup_attributed_period',
  'usage_rollup_account_period_user',
  'usage_rollup_workspace_period_user',
  'usage_rollup_attributed_period_user',
];

/**
 * The rollup worker updates every touched rollup row in each transaction. The partial indexes of
 * emptied rows (`WHERE events = 0`) named `events`, so no such update could stay on its heap page
 * (a HOT update, no index entries written): they are dropped, and the worker finds emptied rows by
 * the keys of the deltas that took figures away instead. Tables left with indexes free of figures
 * keep room on their pages for those updates.
 */
export class RollupUpdatesInPlace1796781400000 implements MigrationInterface {
  name = 'RollupUpdatesInPlace1796781400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ROLLUP_TABLES) await queryRunner.query(`DROP INDEX "IDX_${table}_empty"`);
    for (const table of UPDATED_IN_PLACE) await queryRunner.query(`ALTER TABLE "${table}" SET (fillfactor = 80)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of UPDATED_IN_PLACE) await queryRunner.query(`ALTER TABLE "${table}" RESET (fillfactor)`);
    for (const table of ROLLUP_TABLES)
      await queryRunner.query(`CREATE INDEX "IDX_${table}_empty" ON "${table}" ("workspace_id") WHERE "events" = 0`);
  }
}
