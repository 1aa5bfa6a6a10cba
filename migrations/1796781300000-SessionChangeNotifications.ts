import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change that can end or alter a signed-in session (a membership's role or status, a user's
 * e-mail or name, a refresh token revoked or expired, any of them deleted or truncated) notifies
 * channel `session_change` with the id it concerns: the membership, the user or the session
 * (refresh-token family), or `*` for a truncation. Instances drop the sessions they keep in memory
 * (`SessionMemory`), whoever wrote the change: the API, the CLI, a CSV import or plain SQL.
 */
export class SessionChangeNotifications1796781300000 implements MigrationInterface {
  name = 'SessionChangeNotifications1796781300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_LEVEL = 'STATEMENT' THEN
          PERFORM pg_notify('session_change', '*');
        ELSIF TG_TABLE_NAME = 'refresh_token' THEN
          PERFORM pg_notify('session_change', OLD.family_id::text);
        ELSE
          PERFORM pg_notify('session_change', OLD.id::text);
        END IF;
        RETURN NULL;
      END $$`);
    for (const [table, columns] of [
      ['membership', 'role, status, user_id, workspace_id'],
      ['user_account', 'email, name'],
      ['refresh_token', 'revoked_at, expires_at, family_id, user_id'],
    ]) {
      await queryRunner.query(
        `CREATE TRIGGER session_change AFTER UPDATE OF ${columns} OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION notify_session_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER session_change_truncate AFTER TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION notify_session_change()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['membership', 'user_account', 'refresh_token']) {
      await queryRunner.query(`DROP TRIGGER session_change_truncate ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER session_change ON "${table}"`);
    }
    await queryRunner.query('DROP FUNCTION notify_session_change()');
  }
}
