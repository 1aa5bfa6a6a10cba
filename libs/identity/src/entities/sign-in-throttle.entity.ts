import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One counter of failed sign-in attempts (per email or per client IP, for one operation), shared by
 * every API instance. Written only by `PostgresThrottlerStorage`, one upsert per attempt; rows
 * whose window and block are over are reset on their next hit and swept from time to time.
 */
@Entity({ name: 'sign_in_throttle' })
export class SignInThrottle {
  /** `<operation>:<throttler>:<sha256 of the email or IP>`: no address is stored in clear. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_sign_in_throttle' })
  key: string;

  /** Attempts counted in the current window. */
  @Column({ type: 'integer' })
  hits: number;

  @Index('IDX_sign_in_throttle_window_ends_at')
  @Column({ type: 'timestamptz', precision: 3 })
  windowEndsAt: Date;

  /** Set when the limit was passed: until then every attempt is refused without being counted. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  blockedUntil: Date | null;
}
