import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which notifications each member has read, kept on the server instead of in one browser. */
export class NotificationReads1796710000000 implements MigrationInterface {
  name = 'NotificationReads1796710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification_read" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "workspace_id" uuid NOT NULL,
      "member_id" uuid NOT NULL,
      "notification_id" text NOT NULL,
      "read_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_notification_read" PRIMARY KEY ("workspace_id", "id"))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_notification_read_member_notification" ON "notification_read" ("workspace_id", "member_id", "notification_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_read" ADD CONSTRAINT "FK_notification_read_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_read" ADD CONSTRAINT "FK_notification_read_member" FOREIGN KEY ("workspace_id", "member_id") REFERENCES "membership"("workspace_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_read"`);
  }
}
