import { Membership, TenantEntity } from '@greenlight/identity';
import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { GrantStatus } from '../enums';
import { AccessGrant } from './access-grant.entity';

/**
 * One entry of a grant's history: its creation (fromStatus null), a status change, or an extension
 * (same status, a new expiry).
 */
@ObjectType({ description: "One entry of a grant's history: creation, status change or extension." })
@Entity({ name: 'access_grant_change' })
@Index('IDX_access_grant_change_grant_at', ['workspaceId', 'grantId', 'at'])
@ForeignKey(() => AccessGrant, ['workspaceId', 'grantId'], ['workspaceId', 'id'], {
  name: 'FK_access_grant_change_grant',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Membership, ['workspaceId', 'byMemberId'], ['workspaceId', 'id'], {
  name: 'FK_access_grant_change_by_member',
  onDelete: 'SET NULL',
})
export class AccessGrantChange extends TenantEntity {
  @Column({ type: 'uuid' })
  grantId: string;

  @Field(() => GrantStatus, { nullable: true, description: 'Null when the grant was created.' })
  @Column({ type: 'enum', enum: GrantStatus, enumName: 'grant_status', nullable: true })
  fromStatus: GrantStatus | null;

  @Field(() => GrantStatus)
  @Column({ type: 'enum', enum: GrantStatus, enumName: 'grant_status' })
  toStatus: GrantStatus;

  @Field(() => String, { nullable: true, description: 'The expiry day from this change on.' })
  @Column({ type: 'date', nullable: true })
  expiresOn: string | null;

  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  byMemberId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
