import { MigrationInterface, QueryRunner } from 'typeorm';

type OnDelete = 'CASCADE' | 'SET NULL' | 'RESTRICT';
/** A foreign key between tenant tables: [table, column, referenced table, on delete]. */
type TenantForeignKey = [string, string, string, OnDelete];

/** Primary keys that become `(workspace_id, …)`: table → the columns after workspace_id. */
const PRIMARY_KEYS: Record<string, string[]> = {
  membership: ['id'],
  api_key: ['id'],
  audit_entry: ['id'],
  invitation: ['id'],
  refresh_token: ['id'],
  stage: ['id'],
  account: ['id'],
  contact: ['id'],
  position: ['id'],
  representation: ['id'],
  account_competitor: ['id'],
  campaign: ['id'],
  campaign_target: ['id'],
  interaction: ['id'],
  interaction_account: ['interaction_id', 'account_id'],
  interaction_contact: ['interaction_id', 'contact_id'],
  interaction_member: ['interaction_id', 'member_id'],
  stage_transition: ['id'],
  task: ['id'],
  generator_identity: ['id'],
  pilot: ['id'],
  pilot_status_change: ['id'],
  pilot_criterion: ['id'],
  account_health: ['account_id'],
  alert: ['id'],
  usage_rollup_pending: ['id'],
  usage_rollup_quarantine: ['id'],
  ingest_rate_limit: ['api_key_id'],
};

/** Every foreign key from a tenant table to another; each keeps its name and its ON DELETE. */
const FOREIGN_KEYS: TenantForeignKey[] = [
  ['api_key', 'created_by_id', 'membership', 'SET NULL'],
  ['invitation', 'invited_by_id', 'membership', 'SET NULL'],
  ['account', 'owner_id', 'membership', 'SET NULL'],
  ['account', 'parent_id', 'account', 'SET NULL'],
  ['account', 'stage_id', 'stage', 'RESTRICT'],
  ['contact', 'owner_id', 'membership', 'SET NULL'],
  ['position', 'contact_id', 'contact', 'CASCADE'],
  ['position', 'account_id', 'account', 'CASCADE'],
  ['representation', 'agent_id', 'contact', 'CASCADE'],
  ['representation', 'talent_id', 'contact', 'CASCADE'],
  ['representation', 'agency_id', 'account', 'SET NULL'],
  ['account_competitor', 'account_id', 'account', 'CASCADE'],
  ['campaign', 'owner_id', 'membership', 'SET NULL'],
  ['campaign_target', 'campaign_id', 'campaign', 'CASCADE'],
  ['campaign_target', 'account_id', 'account', 'CASCADE'],
  ['campaign_target', 'contact_id', 'contact', 'CASCADE'],
  ['interaction', 'logged_by_id', 'membership', 'SET NULL'],
  ['interaction', 'campaign_id', 'campaign', 'SET NULL'],
  ['interaction_account', 'interaction_id', 'interaction', 'CASCADE'],
  ['interaction_account', 'account_id', 'account', 'CASCADE'],
  ['interaction_contact', 'interaction_id', 'interaction', 'CASCADE'],
  ['interaction_contact', 'contact_id', 'contact', 'CASCADE'],
  ['interaction_member', 'interaction_id', 'interaction', 'CASCADE'],
  ['interaction_member', 'member_id', 'membership', 'CASCADE'],
  ['stage_transition', 'account_id', 'account', 'CASCADE'],
  ['stage_transition', 'from_stage_id', 'stage', 'RESTRICT'],
  ['stage_transition', 'to_stage_id', 'stage', 'RESTRICT'],
  ['stage_transition', 'by_member_id', 'membership', 'SET NULL'],
  ['task', 'assignee_id', 'membership', 'SET NULL'],
  ['task', 'account_id', 'account', 'SET NULL'],
  ['task', 'contact_id', 'contact', 'SET NULL'],
  ['task', 'interaction_id', 'interaction', 'SET NULL'],
  ['generator_identity', 'account_id', 'account', 'SET NULL'],
  ['pilot', 'account_id', 'account', 'CASCADE'],
  ['pilot', 'owner_id', 'membership', 'SET NULL'],
  ['pilot_status_change', 'pilot_id', 'pilot', 'CASCADE'],
  ['pilot_status_change', 'account_id', 'account', 'CASCADE'],
  ['pilot_status_change', 'by_member_id', 'membership', 'SET NULL'],
  ['pilot_criterion', 'pilot_id', 'pilot', 'CASCADE'],
  ['pilot_criterion', 'manual_set_by_id', 'membership', 'SET NULL'],
  ['account_health', 'account_id', 'account', 'CASCADE'],
  ['alert', 'account_id', 'account', 'CASCADE'],
  ['alert', 'pilot_id', 'pilot', 'CASCADE'],
  ['alert', 'acknowledged_by_id', 'membership', 'SET NULL'],
];

/** Unique indexes that gain workspace_id in front: [name, table, columns, predicate]. */
const UNIQUE_INDEXES: [string, string, string[], string | null][] = [
  ['UQ_position_current', 'position', ['contact_id', 'account_id'], '"ended_on" IS NULL'],
  ['UQ_representation_current', 'representation', ['agent_id', 'talent_id'], '"ended_on" IS NULL'],
  ['UQ_account_competitor_vendor', 'account_competitor', ['account_id', 'vendor'], null],
];

const foreignKeyName = (table: string, column: string) => `FK_${table}_${column.replace(/_id$/, '')}`;
const quoted = (columns: string[]) => columns.map((column) => `"${column}"`).join(', ');

/**
 * Tenant integrity in the database itself: every tenant table's primary key starts with
 * `workspace_id`, and every foreign key between tenant tables carries it, so a row can only point
 * into its own workspace. `ON DELETE SET NULL` clears the referencing column alone, never
 * `workspace_id`. This is also the shape Citus needs to distribute by workspace (docs/scaling.md).
 */
export class TenantKeys1795800000000 implements MigrationInterface {
  name = 'TenantKeys1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of FOREIGN_KEYS)
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${foreignKeyName(table, column)}"`);
    for (const [table, columns] of Object.entries(PRIMARY_KEYS)) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "PK_${table}"`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "PK_${table}" PRIMARY KEY (${quoted(['workspace_id', ...columns])})`,
      );
    }
    for (const [table, column, referenced, onDelete] of FOREIGN_KEYS) {
      const action = onDelete === 'SET NULL' ? `SET NULL ("${column}")` : onDelete;
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${foreignKeyName(table, column)}" FOREIGN KEY ("workspace_id", "${column}") REFERENCES "${referenced}" ("workspace_id", "id") ON DELETE ${action}`,
      );
    }
    for (const [name, table, columns, predicate] of UNIQUE_INDEXES)
      await this.uniqueIndex(queryRunner, name, table, ['workspace_id', ...columns], predicate);
    // the rollup worker claims pending deltas in id order across workspaces
    await queryRunner.query(`CREATE INDEX "IDX_usage_rollup_pending_id" ON "usage_rollup_pending" ("id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_usage_rollup_pending_id"`);
    for (const [name, table, columns, predicate] of UNIQUE_INDEXES)
      await this.uniqueIndex(queryRunner, name, table, columns, predicate);
    for (const [table, column] of FOREIGN_KEYS)
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${foreignKeyName(table, column)}"`);
    for (const [table, columns] of Object.entries(PRIMARY_KEYS)) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "PK_${table}"`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "PK_${table}" PRIMARY KEY (${quoted(columns)})`,
      );
    }
    for (const [table, column, referenced, onDelete] of FOREIGN_KEYS)
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${foreignKeyName(table, column)}" FOREIGN KEY ("${column}") REFERENCES "${referenced}" ("id") ON DELETE ${onDelete}`,
      );
  }

  private async uniqueIndex(
    queryRunner: QueryRunner,
    name: string,
    table: string,
    columns: string[],
    predicate: string | null,
  ) {
    await queryRunner.query(`DROP INDEX "${name}"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "${name}" ON "${table}" (${quoted(columns)})${predicate ? ` WHERE ${predicate}` : ''}`,
    );
  }
}
