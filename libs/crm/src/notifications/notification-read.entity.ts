import { Membership, Workspace } from '@greenlight/identity';
import { Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A notification a member has read (`KIND:recordId`); unread ones have no row. */
@Entity({ name: 'notification_read' })
@Index('UQ_notification_read_member_notification', ['workspaceId', 'memberId', 'notificationId'], { unique: true })
@ForeignKey(() => Membership, ['workspaceId', 'memberId'], ['workspaceId', 'id'], {
  name: 'FK_notification_read_member',
  onDelete: 'CASCADE',
})
export class NotificationRead {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_notification_read' })
  id: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_notification_read' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'FK_notification_read_workspace' })
  workspace?: Workspace;

  @Column({ type: 'uuid' })
  memberId: string;

  @Column({ type: 'text' })
  notificationId: string;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  readAt: Date;
}
