import { Membership, TenantEntity } from '@greenlight/identity';
import { Column, Entity, ForeignKey, Index } from 'typeorm';

/** A notification a member has read (`KIND:recordId`); unread ones have no row. */
@Entity({ name: 'notification_read' })
@Index('UQ_notification_read_member_notification', ['workspaceId', 'memberId', 'notificationId'], { unique: true })
@ForeignKey(() => Membership, ['workspaceId', 'memberId'], ['workspaceId', 'id'], {
  name: 'FK_notification_read_member',
  onDelete: 'CASCADE',
})
export class NotificationRead extends TenantEntity {
  @Column({ type: 'uuid' })
  memberId: string;

  @Column({ type: 'text' })
  notificationId: string;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  readAt: Date;
}
