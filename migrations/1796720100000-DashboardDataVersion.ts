import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables dashboards read besides the usage rollups (whose worker bumps the version itself). */
const TABLES = [
  'account',
  'stage',
  'stage_transition',
  'interaction',
  'interaction_account',
  'interaction_member',
  'task',
  'account_competitor',
  'pilot',
  'pilot_criterion',
  'pilot_status_change',
  'account_health',
  'alert',
];

/**
 * `dashboard_data_version`: one counter per workspace, raised by every transaction that changes
 * what dashboards read, so that a cached dashboard answer is used only while its version is current.
 * CRM tables raise it through a deferred trigger, at commit and once per transaction and workspace
 * (a transaction-local setting remembers it), so the counter's row is locked only while the
 * transaction commits; the rollup worker and a rebuild raise it in their own statements.
 */
export class DashboardDataVersion1796720100000 implements MigrationInterface {
  name = 'DashboardDataVersion1796720100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "dashboard_data_version" (
      "workspace_id" uuid NOT NULL,
      "version" bigint NOT NULL DEFAULT 1,
      CONSTRAINT "PK_dashboard_data_version" PRIMARY KEY ("workspace_id"),
      CONSTRAINT "FK_dashboard_data_version_workspace" FOREIGN KEY ("workspace_id")
        REFERENCES "workspace" ("id") ON DELETE CASCADE)`);
    await queryRunner.query(`
      CREATE FUNCTION dashboard_data_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        changed uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.workspace_id ELSE NEW.workspace_id END;
        flag text := 'greenlight.dashboard_changed_' || replace(changed::text, '-', '');
      BEGIN
        IF current_setting(flag, true) IS DISTINCT FROM 'y' THEN
          INSERT INTO dashboard_data_version AS v (workspace_id) VALUES (changed)
          ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + 1;
          PERFORM set_config(flag, 'y', true);
        END IF;
        RETURN NULL;
      END
      $fn$`);
    for (const table of TABLES)
      await queryRunner.query(`CREATE CONSTRAINT TRIGGER "dashboard_data_changed" AFTER INSERT OR UPDATE OR DELETE
        ON "${table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_data_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(`DROP TRIGGER "dashboard_data_changed" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION dashboard_data_changed()`);
    await queryRunner.query(`DROP TABLE "dashboard_data_version"`);
  }
}
