import { Account, Contact } from '@greenlight/crm';
import { CreatedAt, UpdatedAt } from '@greenlight/db';
import { Membership, TenantEntity } from '@greenlight/identity';
import { Pilot } from '@greenlight/pilots';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { CreditUnit, GrantStatus, GrantSubjectKind } from '../enums';

const numeric = {
  to: (value?: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * Access to the generator given to an account (seats for its people) or to one contact: credits,
 * models, the days it runs, who approved it, and where it stands.
 */
@ObjectType({ description: 'Access to the generator given to an account or a contact.' })
@Entity({ name: 'access_grant' })
@Index('IDX_access_grant_workspace_status', ['workspaceId', 'status'])
@Index('IDX_access_grant_workspace_account', ['workspaceId', 'accountId'])
@Index('IDX_access_grant_workspace_contact', ['workspaceId', 'contactId'])
@Index('IDX_access_grant_status_expires', ['status', 'expiresOn'])
@Check(
  'CHK_access_grant_subject',
  `("subject_kind" = 'account' AND "account_id" IS NOT NULL AND "contact_id" IS NULL) OR ("subject_kind" = 'contact' AND "contact_id" IS NOT NULL AND "account_id" IS NULL AND "seats" IS NULL)`,
)
@Check('CHK_access_grant_credits', `("credit_unit" IS NULL) = ("credit_limit" IS NULL)`)
@Check('CHK_access_grant_dates', `"expires_on" IS NULL OR "expires_on" >= "starts_on"`)
@ForeignKey(() => Account, ['workspaceId', 'accountId'], ['workspaceId', 'id'], {
  name: 'FK_access_grant_account',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Contact, ['workspaceId', 'contactId'], ['workspaceId', 'id'], {
  name: 'FK_access_grant_contact',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Pilot, ['workspaceId', 'pilotId'], ['workspaceId', 'id'], {
  name: 'FK_access_grant_pilot',
  onDelete: 'SET NULL',
})
@ForeignKey(() => Membership, ['workspaceId', 'approvedById'], ['workspaceId', 'id'], {
  name: 'FK_access_grant_approved_by',
  onDelete: 'SET NULL',
})
export class AccessGrant extends TenantEntity {
  @Field(() => GrantSubjectKind)
  @Column({ type: 'enum', enum: GrantSubjectKind, enumName: 'grant_subject_kind' })
  subjectKind: GrantSubjectKind;

  @Field(() => ID, { nullable: true, description: 'The account given access (subjectKind ACCOUNT).' })
  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Field(() => ID, { nullable: true, description: 'The person given access (subjectKind CONTACT).' })
  @Column({ type: 'uuid', nullable: true })
  contactId: string | null;

  @Field(() => ID, { nullable: true, description: 'The pilot the grant is part of.' })
  @Column({ type: 'uuid', nullable: true })
  pilotId: string | null;

  @Field(() => Int, { nullable: true, description: "Seats for the account's people; null: not limited." })
  @Column({ type: 'integer', nullable: true })
  seats: number | null;

  @Field(() => CreditUnit, { nullable: true, description: 'What creditLimit counts; null: no credit limit.' })
  @Column({ type: 'enum', enum: CreditUnit, enumName: 'credit_unit', nullable: true })
  creditUnit: CreditUnit | null;

  @Field(() => Float, { nullable: true, description: 'Credits granted, in creditUnit.' })
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true, transformer: numeric })
  creditLimit: number | null;

  @Field(() => String, { nullable: true, description: 'Model tier, e.g. "pro".' })
  @Column({ type: 'text', nullable: true })
  modelTier: string | null;

  @Field(() => [String], { description: 'Models named by the grant; empty: every model of the tier.' })
  @Column({ type: 'text', array: true, default: '{}' })
  models: string[];

  @Field({ description: 'First day of access (YYYY-MM-DD, UTC).' })
  @Column({ type: 'date' })
  startsOn: string;

  @Field(() => String, {
    nullable: true,
    description: 'Last day of access (YYYY-MM-DD, UTC); null: open-ended.',
  })
  @Column({ type: 'date', nullable: true })
  expiresOn: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  approvedById: string | null;

  @Field(() => GrantStatus)
  @Column({ type: 'enum', enum: GrantStatus, enumName: 'grant_status' })
  status: GrantStatus;

  @Field({ description: 'When the grant entered its current status.' })
  @Column({ type: 'timestamptz', precision: 3 })
  statusChangedAt: Date;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Field()
  @CreatedAt()
  createdAt: Date;

  @Field()
  @UpdatedAt()
  updatedAt: Date;
}
