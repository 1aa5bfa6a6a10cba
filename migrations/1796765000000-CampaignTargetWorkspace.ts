import { MigrationInterface, QueryRunner } from 'typeorm';

/** A campaign target belongs to its workspace like every tenant row: deleting the workspace takes it with it. */
export class CampaignTargetWorkspace1796765000000 implements MigrationInterface {
  name = 'CampaignTargetWorkspace1796765000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "campaign_target" ADD CONSTRAINT "FK_campaign_target_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "campaign_target" DROP CONSTRAINT "FK_campaign_target_workspace"');
  }
}
