import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Team activity reads a period's account links and attendees as one range of an index on time each,
 * instead of scanning every link: `interaction_member` gets the copy of its interaction's time that
 * `interaction_account` already has, both copies are kept equal to the interaction's time by
 * triggers in the writing transaction (an attendee's on insert, both on a change of the time), and
 * each table gets an index on `(workspace_id, occurred_at)`. The indexes are declared on the
 * entities with `synchronize: false` (TypeORM cannot describe INCLUDE).
 */
export class InteractionLinkTimes1796760000000 implements MigrationInterface {
  name = 'InteractionLinkTimes1796760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // the copies' updates raise the dashboard data version now, not at commit, so the table can be altered after them
    await queryRunner.query('SET CONSTRAINTS dashboard_data_changed IMMEDIATE');
    await queryRunner.query('ALTER TABLE "interaction_member" ADD "occurred_at" TIMESTAMP(3) WITH TIME ZONE');
    await queryRunner.query(`UPDATE interaction_member im SET occurred_at = i.occurred_at
      FROM interaction i WHERE i.workspace_id = im.workspace_id AND i.id = im.interaction_id`);
    await queryRunner.query('ALTER TABLE "interaction_member" ALTER COLUMN "occurred_at" SET NOT NULL');
    await queryRunner.query(`UPDATE interaction_account ia SET occurred_at = i.occurred_at
      FROM interaction i WHERE i.workspace_id = ia.workspace_id AND i.id = ia.interaction_id AND ia.occurred_at <> i.occurred_at`);
    await queryRunner.query(`
      CREATE FUNCTION interaction_member_time() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        SELECT i.occurred_at INTO NEW.occurred_at FROM interaction i
         WHERE i.workspace_id = NEW.workspace_id AND i.id = NEW.interaction_id;
        RETURN NEW;
      END
      $fn$`);
    await queryRunner.query(`CREATE TRIGGER interaction_member_time BEFORE INSERT OR UPDATE OF interaction_id ON interaction_member
      FOR EACH ROW EXECUTE FUNCTION interaction_member_time()`);
    await queryRunner.query(`
      CREATE FUNCTION interaction_time_copied() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE interaction_account SET occurred_at = NEW.occurred_at
         WHERE workspace_id = NEW.workspace_id AND interaction_id = NEW.id;
        UPDATE interaction_member SET occurred_at = NEW.occurred_at
         WHERE workspace_id = NEW.workspace_id AND interaction_id = NEW.id;
        RETURN NULL;
      END
      $fn$`);
    await queryRunner.query(`CREATE TRIGGER interaction_time_copied AFTER UPDATE OF occurred_at ON interaction
      FOR EACH ROW WHEN (OLD.occurred_at IS DISTINCT FROM NEW.occurred_at) EXECUTE FUNCTION interaction_time_copied()`);
    await queryRunner.query(
      `CREATE INDEX "IDX_interaction_account_workspace_occurred" ON "interaction_account" ("workspace_id", "occurred_at") INCLUDE ("interaction_id", "account_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_interaction_member_workspace_occurred" ON "interaction_member" ("workspace_id", "occurred_at") INCLUDE ("interaction_id", "member_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_interaction_member_workspace_occurred"');
    await queryRunner.query('DROP INDEX "IDX_interaction_account_workspace_occurred"');
    await queryRunner.query('DROP TRIGGER interaction_time_copied ON interaction');
    await queryRunner.query('DROP FUNCTION interaction_time_copied()');
    await queryRunner.query('DROP TRIGGER interaction_member_time ON interaction_member');
    await queryRunner.query('DROP FUNCTION interaction_member_time()');
    await queryRunner.query('ALTER TABLE "interaction_member" DROP COLUMN "occurred_at"');
  }
}
