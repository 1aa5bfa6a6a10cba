import { Membership } from '@greenlight/identity';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Contact } from '../contacts/contact.entity';
import { Interaction } from './interaction.entity';

/** An account involved in an interaction. */
@Entity({ name: 'interaction_account' })
@Index('IDX_interaction_account_account', ['accountId', 'occurredAt'])
@Index('IDX_interaction_account_workspace_occurred', { synchronize: false })
@ForeignKey(() => Interaction, ['workspaceId', 'interactionId'], ['workspaceId', 'id'], {
  name: 'FK_interaction_account_interaction',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Account, ['workspaceId', 'accountId'], ['workspaceId', 'id'], {
  name: 'FK_interaction_account_account',
  onDelete: 'CASCADE',
})
export class InteractionAccount {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_interaction_account' })
  interactionId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_interaction_account' })
  accountId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_interaction_account' })
  workspaceId: string;

  /** Copied from the interaction so an account's history is read from one index. */
  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;
}

/** A contact who attended an interaction. */
@Entity({ name: 'interaction_contact' })
@Index('IDX_interaction_contact_contact', ['contactId'])
@ForeignKey(() => Interaction, ['workspaceId', 'interactionId'], ['workspaceId', 'id'], {
  name: 'FK_interaction_contact_interaction',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Contact, ['workspaceId', 'contactId'], ['workspaceId', 'id'], {
  name: 'FK_interaction_contact_contact',
  onDelete: 'CASCADE',
})
export class InteractionContact {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_interaction_contact' })
  interactionId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_interaction_contact' })
  contactId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_interaction_contact' })
  workspaceId: string;
}

/** A member of the workspace who attended an interaction. */
@Entity({ name: 'interaction_member' })
@Index('IDX_interaction_member_member', ['memberId'])
@Index('IDX_interaction_member_workspace_occurred', { synchronize: false })
@ForeignKey(() => Interaction, ['workspaceId', 'interactionId'], ['workspaceId', 'id'], {
  name: 'FK_interaction_member_interaction',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Membership, ['workspaceId', 'memberId'], ['workspaceId', 'id'], {
  name: 'FK_interaction_member_member',
  onDelete: 'CASCADE',
})
export class InteractionMember {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_interaction_member' })
  interactionId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_interaction_member' })
  memberId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_interaction_member' })
  workspaceId: string;

  /** Copied from the interaction by the database (a trigger) so a period's attendees are read from one index. */
  @Column({ type: 'timestamptz', precision: 3, insert: false, update: false })
  occurredAt: Date;
}
