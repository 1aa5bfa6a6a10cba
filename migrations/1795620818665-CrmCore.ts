import { MigrationInterface, QueryRunner } from 'typeorm';

export class CrmCore1795620818665 implements MigrationInterface {
  name = 'CrmCore1795620818665';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Trigram matching for typo-tolerant name search (ships with PostgreSQL; needs CREATE on the database).
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"contact_kind\" AS ENUM('executive', 'agent', 'talent', 'producer', 'director', 'creative_technologist', 'legal', 'other')",
    );
    await queryRunner.query(
      'CREATE TABLE "contact" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "name" text NOT NULL, "title" text, "kind" "public"."contact_kind" NOT NULL, "emails" text array NOT NULL DEFAULT \'{}\', "phones" text array NOT NULL DEFAULT \'{}\', "owner_id" uuid, "relationship_strength" smallint, "notes" text, "archived_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_contact" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_contact_workspace_owner" ON "contact"  ("workspace_id", "owner_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_contact_workspace_name" ON "contact"  ("workspace_id", "name") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"stage_category\" AS ENUM('open', 'won', 'lost', 'paused')",
    );
    await queryRunner.query(
      'CREATE TABLE "stage" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "key" text NOT NULL, "name" text NOT NULL, "position" integer NOT NULL, "category" "public"."stage_category" NOT NULL, "archived_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_stage" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_stage_workspace_key" ON "stage"  ("workspace_id", "key") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"account_kind\" AS ENUM('studio', 'streamer', 'network', 'production_company', 'talent_agency', 'vfx_post_house', 'ad_agency', 'independent_creator', 'other')",
    );
    await queryRunner.query(
      'CREATE TABLE "account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "name" text NOT NULL, "kind" "public"."account_kind" NOT NULL, "owner_id" uuid, "parent_id" uuid, "region" text, "tier" text, "website" text, "domains" text array NOT NULL DEFAULT \'{}\', "expected_annual_value" numeric(14,2), "currency" character(3) NOT NULL DEFAULT \'USD\', "tags" text array NOT NULL DEFAULT \'{}\', "stage_id" uuid NOT NULL, "stage_entered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "archived_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_account" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_account_parent" ON "account"  ("parent_id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_account_workspace_owner" ON "account"  ("workspace_id", "owner_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_account_workspace_stage" ON "account"  ("workspace_id", "stage_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_account_workspace_name" ON "account"  ("workspace_id", "name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "position" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "contact_id" uuid NOT NULL, "account_id" uuid NOT NULL, "title" text, "started_on" date, "ended_on" date, CONSTRAINT "PK_position" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_position_current" ON "position"  ("contact_id", "account_id") WHERE "ended_on" IS NULL',
    );
    await queryRunner.query('CREATE INDEX "IDX_position_account" ON "position"  ("account_id", "ended_on") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_position_contact" ON "position"  ("contact_id", "started_on") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"competitor_status\" AS ENUM('evaluating', 'piloting', 'adopted', 'rejected')",
    );
    await queryRunner.query(
      'CREATE TABLE "account_competitor" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "account_id" uuid NOT NULL, "vendor" text NOT NULL, "status" "public"."competitor_status" NOT NULL, "notes" text, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_account_competitor" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_account_competitor_workspace_vendor" ON "account_competitor"  ("workspace_id", "vendor") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_account_competitor_vendor" ON "account_competitor"  ("account_id", "vendor") ',
    );
    await queryRunner.query(
      'CREATE TABLE "campaign" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "name" text NOT NULL, "owner_id" uuid, "starts_on" date, "ends_on" date, "goal" text, "archived_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_campaign" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_campaign_workspace_starts" ON "campaign"  ("workspace_id", "starts_on") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"campaign_target_status\" AS ENUM('not_contacted', 'contacted', 'meeting_booked', 'met', 'declined', 'no_response')",
    );
    await queryRunner.query(
      'CREATE TABLE "campaign_target" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "account_id" uuid, "contact_id" uuid, "status" "public"."campaign_target_status" NOT NULL DEFAULT \'not_contacted\', "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_campaign_target" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_campaign_target_contact" ON "campaign_target"  ("contact_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_campaign_target_account" ON "campaign_target"  ("account_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_campaign_target_campaign" ON "campaign_target"  ("campaign_id", "status") ',
    );
    await queryRunner.query(
      'CREATE TABLE "representation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "agent_id" uuid NOT NULL, "talent_id" uuid NOT NULL, "agency_id" uuid, "started_on" date, "ended_on" date, CONSTRAINT "PK_representation" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_representation_current" ON "representation"  ("agent_id", "talent_id") WHERE "ended_on" IS NULL',
    );
    await queryRunner.query('CREATE INDEX "IDX_representation_agent" ON "representation"  ("agent_id") ');
    await queryRunner.query('CREATE INDEX "IDX_representation_talent" ON "representation"  ("talent_id") ');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"interaction_kind\" AS ENUM('meeting', 'call', 'demo', 'screening', 'email', 'event')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"sentiment\" AS ENUM('positive', 'neutral', 'negative')",
    );
    await queryRunner.query(
      'CREATE TABLE "interaction" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "kind" "public"."interaction_kind" NOT NULL, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "time_zone" text NOT NULL DEFAULT \'UTC\', "duration_minutes" integer, "location" text, "summary" text NOT NULL, "sentiment" "public"."sentiment", "next_steps" text, "logged_by_id" uuid, "campaign_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_interaction" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_interaction_logged_by" ON "interaction"  ("workspace_id", "logged_by_id", "occurred_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_interaction_workspace_occurred" ON "interaction"  ("workspace_id", "occurred_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "interaction_account" ("interaction_id" uuid NOT NULL, "account_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_interaction_account" PRIMARY KEY ("interaction_id", "account_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_interaction_account_account" ON "interaction_account"  ("account_id", "occurred_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "interaction_contact" ("interaction_id" uuid NOT NULL, "contact_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, CONSTRAINT "PK_interaction_contact" PRIMARY KEY ("interaction_id", "contact_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_interaction_contact_contact" ON "interaction_contact"  ("contact_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "interaction_member" ("interaction_id" uuid NOT NULL, "member_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, CONSTRAINT "PK_interaction_member" PRIMARY KEY ("interaction_id", "member_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_interaction_member_member" ON "interaction_member"  ("member_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "stage_transition" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "account_id" uuid NOT NULL, "from_stage_id" uuid, "to_stage_id" uuid NOT NULL, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "by_member_id" uuid, "reason" text, CONSTRAINT "PK_stage_transition" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_stage_transition_workspace_at" ON "stage_transition"  ("workspace_id", "at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_stage_transition_account_at" ON "stage_transition"  ("workspace_id", "account_id", "at") ',
    );
    await queryRunner.query("CREATE TYPE \"public\".\"task_status\" AS ENUM('open', 'done', 'cancelled')");
    await queryRunner.query(
      'CREATE TABLE "task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "title" text NOT NULL, "assignee_id" uuid, "due_at" TIMESTAMP(3) WITH TIME ZONE, "status" "public"."task_status" NOT NULL DEFAULT \'open\', "account_id" uuid, "contact_id" uuid, "interaction_id" uuid, "completed_at" TIMESTAMP(3) WITH TIME ZONE, "created_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_task" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_task_account" ON "task"  ("account_id", "status") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_task_assignee" ON "task"  ("workspace_id", "assignee_id", "status") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_task_workspace_status_due" ON "task"  ("workspace_id", "status", "due_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "contact" ADD CONSTRAINT "FK_contact_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "contact" ADD CONSTRAINT "FK_contact_owner" FOREIGN KEY ("owner_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stage" ADD CONSTRAINT "FK_stage_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "account" ADD CONSTRAINT "FK_account_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "account" ADD CONSTRAINT "FK_account_owner" FOREIGN KEY ("owner_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "account" ADD CONSTRAINT "FK_account_parent" FOREIGN KEY ("parent_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "account" ADD CONSTRAINT "FK_account_stage" FOREIGN KEY ("stage_id") REFERENCES "stage"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "position" ADD CONSTRAINT "FK_position_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "position" ADD CONSTRAINT "FK_position_contact" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "position" ADD CONSTRAINT "FK_position_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "account_competitor" ADD CONSTRAINT "FK_account_competitor_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "account_competitor" ADD CONSTRAINT "FK_account_competitor_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign" ADD CONSTRAINT "FK_campaign_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign" ADD CONSTRAINT "FK_campaign_owner" FOREIGN KEY ("owner_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_target" ADD CONSTRAINT "FK_campaign_target_campaign" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_target" ADD CONSTRAINT "FK_campaign_target_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_target" ADD CONSTRAINT "FK_campaign_target_contact" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "representation" ADD CONSTRAINT "FK_representation_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "representation" ADD CONSTRAINT "FK_representation_agent" FOREIGN KEY ("agent_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "representation" ADD CONSTRAINT "FK_representation_talent" FOREIGN KEY ("talent_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "representation" ADD CONSTRAINT "FK_representation_agency" FOREIGN KEY ("agency_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "interaction" ADD CONSTRAINT "FK_interaction_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "interaction" ADD CONSTRAINT "FK_interaction_logged_by" FOREIGN KEY ("logged_by_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "interaction" ADD CONSTRAINT "FK_interaction_campaign" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "interaction_account" ADD CONSTRAINT "FK_interaction_account_interaction" FOREIGN KEY ("interaction_id") REFERENCES "interaction"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "interaction_account" ADD CONSTRAINT "FK_interaction_account_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "interaction_contact" ADD CONSTRAINT "FK_interaction_contact_interaction" FOREIGN KEY ("interaction_id") REFERENCES "interaction"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "interaction_contact" ADD CONSTRAINT "FK_interaction_contact_contact" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "interaction_member" ADD CONSTRAINT "FK_interaction_member_interaction" FOREIGN KEY ("interaction_id") REFERENCES "interaction"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "interaction_member" ADD CONSTRAINT "FK_interaction_member_member" FOREIGN KEY ("member_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stage_transition" ADD CONSTRAINT "FK_stage_transition_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stage_transition" ADD CONSTRAINT "FK_stage_transition_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stage_transition" ADD CONSTRAINT "FK_stage_transition_from_stage" FOREIGN KEY ("from_stage_id") REFERENCES "stage"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stage_transition" ADD CONSTRAINT "FK_stage_transition_to_stage" FOREIGN KEY ("to_stage_id") REFERENCES "stage"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stage_transition" ADD CONSTRAINT "FK_stage_transition_by_member" FOREIGN KEY ("by_member_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "task" ADD CONSTRAINT "FK_task_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "task" ADD CONSTRAINT "FK_task_assignee" FOREIGN KEY ("assignee_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "task" ADD CONSTRAINT "FK_task_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "task" ADD CONSTRAINT "FK_task_contact" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "task" ADD CONSTRAINT "FK_task_interaction" FOREIGN KEY ("interaction_id") REFERENCES "interaction"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    // Indexes the entities cannot describe: trigram, array and full-text (declared there with synchronize: false).
    // The lookup indexes of e-mails and domains skip GIN's pending list, so imports read them at full speed.
    await queryRunner.query(
      'CREATE INDEX "IDX_account_name_trgm" ON "account" USING gin ("name" gin_trgm_ops)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_contact_name_trgm" ON "contact" USING gin ("name" gin_trgm_ops)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_account_sort_name" ON "account" ("workspace_id", lower("name"), "id")',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_contact_sort_name" ON "contact" ("workspace_id", lower("name"), "id")',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_account_domains" ON "account" USING gin ("domains") WITH (fastupdate = off)',
    );
    await queryRunner.query('CREATE INDEX "IDX_account_tags" ON "account" USING gin ("tags")');
    await queryRunner.query(
      'CREATE INDEX "IDX_contact_emails" ON "contact" USING gin ("emails") WITH (fastupdate = off)',
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_interaction_search" ON "interaction" USING gin (to_tsvector('english', coalesce("summary", '') || ' ' || coalesce("next_steps", '') || ' ' || coalesce("location", '')))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [
      'IDX_interaction_search',
      'IDX_contact_emails',
      'IDX_account_tags',
      'IDX_account_domains',
      'IDX_contact_name_trgm',
      'IDX_account_name_trgm',
      'IDX_contact_sort_name',
      'IDX_account_sort_name',
    ]) {
      await queryRunner.query(`DROP INDEX "${index}"`);
    }
    await queryRunner.query('ALTER TABLE "task" DROP CONSTRAINT "FK_task_interaction"');
    await queryRunner.query('ALTER TABLE "task" DROP CONSTRAINT "FK_task_contact"');
    await queryRunner.query('ALTER TABLE "task" DROP CONSTRAINT "FK_task_account"');
    await queryRunner.query('ALTER TABLE "task" DROP CONSTRAINT "FK_task_assignee"');
    await queryRunner.query('ALTER TABLE "task" DROP CONSTRAINT "FK_task_workspace"');
    await queryRunner.query('ALTER TABLE "stage_transition" DROP CONSTRAINT "FK_stage_transition_by_member"');
    await queryRunner.query('ALTER TABLE "stage_transition" DROP CONSTRAINT "FK_stage_transition_to_stage"');
    await queryRunner.query(
      'ALTER TABLE "stage_transition" DROP CONSTRAINT "FK_stage_transition_from_stage"',
    );
    await queryRunner.query('ALTER TABLE "stage_transition" DROP CONSTRAINT "FK_stage_transition_account"');
    await queryRunner.query('ALTER TABLE "stage_transition" DROP CONSTRAINT "FK_stage_transition_workspace"');
    await queryRunner.query(
      'ALTER TABLE "interaction_member" DROP CONSTRAINT "FK_interaction_member_member"',
    );
    await queryRunner.query(
      'ALTER TABLE "interaction_member" DROP CONSTRAINT "FK_interaction_member_interaction"',
    );
    await queryRunner.query(
      'ALTER TABLE "interaction_contact" DROP CONSTRAINT "FK_interaction_contact_contact"',
    );
    await queryRunner.query(
      'ALTER TABLE "interaction_contact" DROP CONSTRAINT "FK_interaction_contact_interaction"',
    );
    await queryRunner.query(
      'ALTER TABLE "interaction_account" DROP CONSTRAINT "FK_interaction_account_account"',
    );
    await queryRunner.query(
      'ALTER TABLE "interaction_account" DROP CONSTRAINT "FK_interaction_account_interaction"',
    );
    await queryRunner.query('ALTER TABLE "interaction" DROP CONSTRAINT "FK_interaction_campaign"');
    await queryRunner.query('ALTER TABLE "interaction" DROP CONSTRAINT "FK_interaction_logged_by"');
    await queryRunner.query('ALTER TABLE "interaction" DROP CONSTRAINT "FK_interaction_workspace"');
    await queryRunner.query('ALTER TABLE "representation" DROP CONSTRAINT "FK_representation_agency"');
    await queryRunner.query('ALTER TABLE "representation" DROP CONSTRAINT "FK_representation_talent"');
    await queryRunner.query('ALTER TABLE "representation" DROP CONSTRAINT "FK_representation_agent"');
    await queryRunner.query('ALTER TABLE "representation" DROP CONSTRAINT "FK_representation_workspace"');
    await queryRunner.query('ALTER TABLE "campaign_target" DROP CONSTRAINT "FK_campaign_target_contact"');
    await queryRunner.query('ALTER TABLE "campaign_target" DROP CONSTRAINT "FK_campaign_target_account"');
    await queryRunner.query('ALTER TABLE "campaign_target" DROP CONSTRAINT "FK_campaign_target_campaign"');
    await queryRunner.query('ALTER TABLE "campaign" DROP CONSTRAINT "FK_campaign_owner"');
    await queryRunner.query('ALTER TABLE "campaign" DROP CONSTRAINT "FK_campaign_workspace"');
    await queryRunner.query(
      'ALTER TABLE "account_competitor" DROP CONSTRAINT "FK_account_competitor_account"',
    );
    await queryRunner.query(
      'ALTER TABLE "account_competitor" DROP CONSTRAINT "FK_account_competitor_workspace"',
    );
    await queryRunner.query('ALTER TABLE "position" DROP CONSTRAINT "FK_position_account"');
    await queryRunner.query('ALTER TABLE "position" DROP CONSTRAINT "FK_position_contact"');
    await queryRunner.query('ALTER TABLE "position" DROP CONSTRAINT "FK_position_workspace"');
    await queryRunner.query('ALTER TABLE "account" DROP CONSTRAINT "FK_account_stage"');
    await queryRunner.query('ALTER TABLE "account" DROP CONSTRAINT "FK_account_parent"');
    await queryRunner.query('ALTER TABLE "account" DROP CONSTRAINT "FK_account_owner"');
    await queryRunner.query('ALTER TABLE "account" DROP CONSTRAINT "FK_account_workspace"');
    await queryRunner.query('ALTER TABLE "stage" DROP CONSTRAINT "FK_stage_workspace"');
    await queryRunner.query('ALTER TABLE "contact" DROP CONSTRAINT "FK_contact_owner"');
    await queryRunner.query('ALTER TABLE "contact" DROP CONSTRAINT "FK_contact_workspace"');
    await queryRunner.query('DROP INDEX "public"."IDX_task_workspace_status_due"');
    await queryRunner.query('DROP INDEX "public"."IDX_task_assignee"');
    await queryRunner.query('DROP INDEX "public"."IDX_task_account"');
    await queryRunner.query('DROP TABLE "task"');
    await queryRunner.query('DROP TYPE "public"."task_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_stage_transition_account_at"');
    await queryRunner.query('DROP INDEX "public"."IDX_stage_transition_workspace_at"');
    await queryRunner.query('DROP TABLE "stage_transition"');
    await queryRunner.query('DROP INDEX "public"."IDX_interaction_member_member"');
    await queryRunner.query('DROP TABLE "interaction_member"');
    await queryRunner.query('DROP INDEX "public"."IDX_interaction_contact_contact"');
    await queryRunner.query('DROP TABLE "interaction_contact"');
    await queryRunner.query('DROP INDEX "public"."IDX_interaction_account_account"');
    await queryRunner.query('DROP TABLE "interaction_account"');
    await queryRunner.query('DROP INDEX "public"."IDX_interaction_workspace_occurred"');
    await queryRunner.query('DROP INDEX "public"."IDX_interaction_logged_by"');
    await queryRunner.query('DROP TABLE "interaction"');
    await queryRunner.query('DROP TYPE "public"."sentiment"');
    await queryRunner.query('DROP TYPE "public"."interaction_kind"');
    await queryRunner.query('DROP INDEX "public"."IDX_representation_talent"');
    await queryRunner.query('DROP INDEX "public"."IDX_representation_agent"');
    await queryRunner.query('DROP INDEX "public"."UQ_representation_current"');
    await queryRunner.query('DROP TABLE "representation"');
    await queryRunner.query('DROP INDEX "public"."IDX_campaign_target_campaign"');
    await queryRunner.query('DROP INDEX "public"."IDX_campaign_target_account"');
    await queryRunner.query('DROP INDEX "public"."IDX_campaign_target_contact"');
    await queryRunner.query('DROP TABLE "campaign_target"');
    await queryRunner.query('DROP TYPE "public"."campaign_target_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_campaign_workspace_starts"');
    await queryRunner.query('DROP TABLE "campaign"');
    await queryRunner.query('DROP INDEX "public"."UQ_account_competitor_vendor"');
    await queryRunner.query('DROP INDEX "public"."IDX_account_competitor_workspace_vendor"');
    await queryRunner.query('DROP TABLE "account_competitor"');
    await queryRunner.query('DROP TYPE "public"."competitor_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_position_contact"');
    await queryRunner.query('DROP INDEX "public"."IDX_position_account"');
    await queryRunner.query('DROP INDEX "public"."UQ_position_current"');
    await queryRunner.query('DROP TABLE "position"');
    await queryRunner.query('DROP INDEX "public"."IDX_account_workspace_name"');
    await queryRunner.query('DROP INDEX "public"."IDX_account_workspace_stage"');
    await queryRunner.query('DROP INDEX "public"."IDX_account_workspace_owner"');
    await queryRunner.query('DROP INDEX "public"."IDX_account_parent"');
    await queryRunner.query('DROP TABLE "account"');
    await queryRunner.query('DROP TYPE "public"."account_kind"');
    await queryRunner.query('DROP INDEX "public"."UQ_stage_workspace_key"');
    await queryRunner.query('DROP TABLE "stage"');
    await queryRunner.query('DROP TYPE "public"."stage_category"');
    await queryRunner.query('DROP INDEX "public"."IDX_contact_workspace_name"');
    await queryRunner.query('DROP INDEX "public"."IDX_contact_workspace_owner"');
    await queryRunner.query('DROP TABLE "contact"');
    await queryRunner.query('DROP TYPE "public"."contact_kind"');
  }
}
