import { Account } from '@greenlight/crm';
import { Membership, TenantEntity } from '@greenlight/identity';
import { AccessGrant } from '@greenlight/grants';
import { Pilot } from '@greenlight/pilots';
import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { AlertKind, AlertSeverity, AlertStatus } from './alert.enums';

/** A condition worth a person's attention on an account (and pilot), raised and resolved by the evaluation. */
@ObjectType()
@Entity({ name: 'alert' })
@Index('IDX_alert_workspace_status_raised', ['workspaceId', 'status', 'firstRaisedAt'])
@Index('IDX_alert_account', ['accountId'])
@Index('IDX_alert_pilot', ['pilotId'])
@Index('IDX_alert_grant', ['workspaceId', 'grantId'])
@Index('UQ_alert_active', { synchronize: false })
@ForeignKey(() => Account, ['workspaceId', 'accountId'], ['workspaceId', 'id'], {
  name: 'FK_alert_account',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Pilot, ['workspaceId', 'pilotId'], ['workspaceId', 'id'], {
  name: 'FK_alert_pilot',
  onDelete: 'CASCADE',
})
@ForeignKey(() => AccessGrant, ['workspaceId', 'grantId'], ['workspaceId', 'id'], {
  name: 'FK_alert_grant',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Membership, ['workspaceId', 'acknowledgedById'], ['workspaceId', 'id'], {
  name: 'FK_alert_acknowledged_by',
  onDelete: 'SET NULL',
})
export class Alert extends TenantEntity {
  @Field(() => AlertKind)
  @Column({ type: 'enum', enum: AlertKind, enumName: 'alert_kind' })
  kind: AlertKind;

  @Field(() => AlertStatus)
  @Column({ type: 'enum', enum: AlertStatus, enumName: 'alert_status', default: AlertStatus.OPEN })
  status: AlertStatus;

  @Field(() => AlertSeverity)
  @Column({ type: 'enum', enum: AlertSeverity, enumName: 'alert_severity' })
  severity: AlertSeverity;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'uuid', nullable: true })
  pilotId: string | null;

  /** The access grant the alert is about (grant alerts only). */
  @Column({ type: 'uuid', nullable: true })
  grantId: string | null;

  @Field({ description: 'What holds, with its figures, as of the last evaluation.' })
  @Column({ type: 'text' })
  message: string;

  /** The figures behind the message (percentages, days, amounts). */
  @Column({ type: 'jsonb', default: {} })
  details: Record<string, number | string>;

  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  firstRaisedAt: Date;

  @Field({ description: 'When an evaluation last found the condition holding (or cleared it).' })
  @Column({ type: 'timestamptz', precision: 3 })
  lastEvaluatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  acknowledgedById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  acknowledgementNote: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt: Date | null;
}
