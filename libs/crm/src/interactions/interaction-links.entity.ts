import { Membership } from '@greenlight/identity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Contact } from '../contacts/contact.entity';
import { Interaction } from './interaction.entity';

/** An account involved in an interaction. */
@Entity({ name: 'interaction_account' })
@Index('IDX_interaction_account_account', ['accountId', 'occurredAt'])
export class InteractionAccount {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_interaction_account' })
  interactionId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_interaction_account' })
  accountId: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  /** Copied from the interaction so an account's history is read from one index. */
  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @ManyToOne(() => Interaction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'interaction_id', foreignKeyConstraintName: 'FK_interaction_account_interaction' })
  interaction?: Interaction;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_interaction_account_account' })
  account?: Account;
}

/** A contact who attended an interaction. */
@Entity({ name: 'interaction_contact' })
@Index('IDX_interaction_contact_contact', ['contactId'])
export class InteractionContact {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_interaction_contact' })
  interactionId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_interaction_contact' })
  contactId: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Interaction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'interaction_id', foreignKeyConstraintName: 'FK_interaction_contact_interaction' })
  interaction?: Interaction;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'FK_interaction_contact_contact' })
  contact?: Contact;
}

/** A member of the workspace who attended an interaction. */
@Entity({ name: 'interaction_member' })
@Index('IDX_interaction_member_member', ['memberId'])
export class InteractionMember {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_interaction_member' })
  interactionId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_interaction_member' })
  memberId: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Interaction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'interaction_id', foreignKeyConstraintName: 'FK_interaction_member_interaction' })
  interaction?: Interaction;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'FK_interaction_member_member' })
  member?: Membership;
}
