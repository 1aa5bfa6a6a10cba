import { MigrationInterface, QueryRunner } from 'typeorm';

/** A calendar subscription can be paused; an exclusion keeps the title of what it excludes. */
export class CapturePauseAndExclusionLabels1796700300000 implements MigrationInterface {
  name = 'CapturePauseAndExclusionLabels1796700300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "calendar_subscription" ADD "paused_at" TIMESTAMP(3) WITH TIME ZONE');
    await queryRunner.query(`ALTER TABLE "capture_exclusion" ADD "label" text NOT NULL DEFAULT ''`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "capture_exclusion" DROP COLUMN "label"');
    await queryRunner.query('ALTER TABLE "calendar_subscription" DROP COLUMN "paused_at"');
  }
}
