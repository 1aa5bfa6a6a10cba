import { Account } from '@greenlight/crm';
import { Membership, Workspace } from '@greenlight/identity';
import { Pilot } from '@greenlight/pilots';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AlertKind, AlertSeverity, AlertStatus } from './alert.enums';

/** A condition worth a person's attention on an account (and pilot), raised and resolved by the evaluation. */
@ObjectType()
@Entity({ name: 'alert' })
@Index('IDX_alert_workspace_status_raised', ['workspaceId', 'status', 'firstRaisedAt'])
@Index('IDX_alert_account', ['accountId'])
@Index('IDX_alert_pilot', ['pilotId'])
@Index('UQ_alert_active', { synchronize: false })
export class Alert {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_alert' })
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'FK_alert_workspace' })
  workspace?: Workspace;

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

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_alert_account' })
  account?: Account;

  @Column({ type: 'uuid', nullable: true })
  pilotId: string | null;

  @ManyToOne(() => Pilot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pilot_id', foreignKeyConstraintName: 'FK_alert_pilot' })
  pilot?: Pilot;

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

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'acknowledged_by_id', foreignKeyConstraintName: 'FK_alert_acknowledged_by' })
  acknowledgedBy?: Membership;

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
