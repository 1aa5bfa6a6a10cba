import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityAndTenancy1795619533890 implements MigrationInterface {
  name = 'IdentityAndTenancy1795619533890';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "user_account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL, "password_hash" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_user_account_email_lower" CHECK ("email" = lower("email")), CONSTRAINT "PK_user_account" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_user_account_email" ON "user_account" ("email")`);
    await queryRunner.query(
      `CREATE TABLE "workspace" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "slug" text NOT NULL, "settings" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_workspace" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_workspace_slug" ON "workspace" ("slug")`);
    await queryRunner.query(
      `CREATE TYPE "public"."role" AS ENUM('ADMIN', 'PARTNERSHIPS', 'ACCOUNT_MANAGER', 'EXECUTIVE')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."member_status" AS ENUM('active', 'deactivated')`);
    await queryRunner.query(
      `CREATE TABLE "membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" "public"."role" NOT NULL, "status" "public"."member_status" NOT NULL DEFAULT 'active', "deactivated_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_membership" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_membership_user" ON "membership" ("user_id")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_membership_workspace_user" ON "membership" ("workspace_id", "user_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "name" text NOT NULL, "prefix" text NOT NULL, "key_hash" text NOT NULL, "scopes" text array NOT NULL, "created_by_id" uuid, "last_used_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_api_key" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_api_key_prefix" ON "api_key" ("prefix")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_api_key_workspace_created" ON "api_key" ("workspace_id", "created_at")`,
    );
    await queryRunner.query(`CREATE TYPE "public"."audit_actor_type" AS ENUM('member', 'api_key', 'system')`);
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "actor_type" "public"."audit_actor_type" NOT NULL, "actor_id" uuid, "entity" text NOT NULL, "entity_id" uuid NOT NULL, "action" text NOT NULL, "before" jsonb, "after" jsonb, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "request_id" text, CONSTRAINT "PK_audit_entry" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_entry_workspace_entity" ON "audit_entry" ("workspace_id", "entity", "entity_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_entry_workspace_at" ON "audit_entry" ("workspace_id", "at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "email" text NOT NULL, "role" "public"."role" NOT NULL, "token_hash" text NOT NULL, "invited_by_id" uuid, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_invitation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_invitation_token_hash" ON "invitation" ("token_hash")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_invitation_workspace_created" ON "invitation" ("workspace_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "replaced_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_refresh_token" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_refresh_token_user" ON "refresh_token" ("user_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_refresh_token_family" ON "refresh_token" ("family_id")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_refresh_token_token_hash" ON "refresh_token" ("token_hash")`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_membership_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_membership_user" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "FK_api_key_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "FK_api_key_created_by" FOREIGN KEY ("created_by_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_entry" ADD CONSTRAINT "FK_audit_entry_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation" ADD CONSTRAINT "FK_invitation_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation" ADD CONSTRAINT "FK_invitation_invited_by" FOREIGN KEY ("invited_by_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_token" ADD CONSTRAINT "FK_refresh_token_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_token" ADD CONSTRAINT "FK_refresh_token_user" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_refresh_token_user"`);
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_refresh_token_workspace"`);
    await queryRunner.query(`ALTER TABLE "invitation" DROP CONSTRAINT "FK_invitation_invited_by"`);
    await queryRunner.query(`ALTER TABLE "invitation" DROP CONSTRAINT "FK_invitation_workspace"`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP CONSTRAINT "FK_audit_entry_workspace"`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_api_key_created_by"`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_api_key_workspace"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_membership_user"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_membership_workspace"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_refresh_token_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_refresh_token_family"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_refresh_token_user"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_invitation_workspace_created"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_invitation_token_hash"`);
    await queryRunner.query(`DROP TABLE "invitation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_entry_workspace_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_entry_workspace_entity"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
    await queryRunner.query(`DROP TYPE "public"."audit_actor_type"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_api_key_workspace_created"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_api_key_prefix"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_membership_workspace_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_membership_user"`);
    await queryRunner.query(`DROP TABLE "membership"`);
    await queryRunner.query(`DROP TYPE "public"."member_status"`);
    await queryRunner.query(`DROP TYPE "public"."role"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_workspace_slug"`);
    await queryRunner.query(`DROP TABLE "workspace"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_user_account_email"`);
    await queryRunner.query(`DROP TABLE "user_account"`);
  }
}
