import { MigrationInterface, QueryRunner } from 'typeorm';

/** When the scheduled evaluation found a usage criterion met, so that moment is told once. */
export class PilotCriterionMetAt1796740000000 implements MigrationInterface {
  name = 'PilotCriterionMetAt1796740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "pilot_criterion" ADD "met_at" TIMESTAMP(3) WITH TIME ZONE');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "pilot_criterion" DROP COLUMN "met_at"');
  }
}
