import { CreatedAt } from '@greenlight/db';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { User } from './user.entity';
import { TenantEntity } from './tenant-entity';

/**
 * One refresh token of a session. Each use replaces it with a new one of the same family; using a
 * replaced token again means it leaked, and the whole family is revoked.
 */
@Entity({ name: 'refresh_token' })
export class RefreshToken extends TenantEntity {
  @Index('IDX_refresh_token_user')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_refresh_token_user' })
  user?: User;

  /** The session: every token issued by rotation from one sign-in. */
  @Index('IDX_refresh_token_family')
  @Column({ type: 'uuid' })
  familyId: string;

  @Index('UQ_refresh_token_token_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  /** The token that replaced this one on rotation. */
  @Column({ type: 'uuid', nullable: true })
  replacedById: string | null;

  @CreatedAt()
  createdAt: Date;
}
