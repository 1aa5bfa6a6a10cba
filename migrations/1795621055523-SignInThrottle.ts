import { MigrationInterface, QueryRunner } from 'typeorm';

export class SignInThrottle1795621055523 implements MigrationInterface {
  name = 'SignInThrottle1795621055523';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sign_in_throttle" ("key" text NOT NULL, "hits" integer NOT NULL, "window_ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "blocked_until" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_sign_in_throttle" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_sign_in_throttle_window_ends_at" ON "sign_in_throttle" ("window_ends_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_sign_in_throttle_window_ends_at"`);
    await queryRunner.query(`DROP TABLE "sign_in_throttle"`);
  }
}
