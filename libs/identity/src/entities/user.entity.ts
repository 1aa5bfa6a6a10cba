import { CreatedAt, UpdatedAt } from '@greenlight/db';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A person who can sign in; belongs to workspaces through memberships. */
@Entity({ name: 'user_account' })
@Check('CHK_user_account_email_lower', `"email" = lower("email")`)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_user_account' })
  id: string;

  /** Stored lower-cased (the check enforces it), so the unique index is case-insensitive. */
  @Index('UQ_user_account_email', { unique: true })
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  passwordHash: string;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
