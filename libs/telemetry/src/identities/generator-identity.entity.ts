import { Account } from '@greenlight/crm';
import { CreatedAt } from '@greenlight/db';
import { TenantEntity } from '@greenlight/identity';
import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';

export enum GeneratorIdentityStatus {
  MATCHED = 'matched',
  UNMATCHED = 'unmatched',
}

/** How an identity came to point at its account. */
export enum IdentityMatch {
  /** Another identity of the same generator organisation (and project) was linked to it. */
  ORG_MAPPING = 'org_mapping',
  /** The user email's domain is one of the account's domains. */
  EMAIL_DOMAIN = 'email_domain',
  /** A member linked it by hand. */
  MANUAL = 'manual',
}

registerEnumType(GeneratorIdentityStatus, { name: 'GeneratorIdentityStatus' });
registerEnumType(IdentityMatch, { name: 'IdentityMatch' });

const bigintAsNumber = { to: (value: number) => value, from: (value: string | null) => Number(value ?? 0) };
const nullableBigintAsNumber = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One combination of the generator's identifiers (organisation, project, user email domain) seen in
 * usage events, and the account it belongs to (none while it waits in the unmatched queue).
 */
@ObjectType({
  description:
    'Identifiers the generator sends (organisation, project, email domain) and the account they map to.',
})
@Entity({ name: 'generator_identity' })
@Index('UQ_generator_identity_workspace_key', ['workspaceId', 'identityKey'], { unique: true })
@Index('IDX_generator_identity_workspace_status_seen', ['workspaceId', 'status', 'lastSeenAt'])
@Index('IDX_generator_identity_workspace_org', ['workspaceId', 'orgId'])
@ForeignKey(() => Account, ['workspaceId', 'accountId'], ['workspaceId', 'id'], {
  name: 'FK_generator_identity_account',
  onDelete: 'SET NULL',
})
export class GeneratorIdentity extends TenantEntity {
  /** JSON of [orgId, projectId, emailDomain]: unique per workspace (NULLs included). */
  @Column({ type: 'text' })
  identityKey: string;

  @Field(() => String, { nullable: true, description: "The generator's organisation id." })
  @Column({ type: 'text', nullable: true })
  orgId: string | null;

  @Field(() => String, { nullable: true, description: "The generator's project id." })
  @Column({ type: 'text', nullable: true })
  projectId: string | null;

  @Field(() => String, { nullable: true, description: 'Domain of the user email, lower case.' })
  @Column({ type: 'text', nullable: true })
  emailDomain: string | null;

  @Field(() => GeneratorIdentityStatus)
  @Column({ type: 'text' })
  status: GeneratorIdentityStatus;

  @Field(() => IdentityMatch, { nullable: true })
  @Column({ type: 'text', nullable: true })
  matchedBy: IdentityMatch | null;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Field(() => GraphQLISODateTime, { description: 'Earliest occurredAt of its events.' })
  @Column({ type: 'timestamptz', precision: 3 })
  firstSeenAt: Date;

  @Field(() => GraphQLISODateTime, { description: 'Latest occurredAt of its events.' })
  @Column({ type: 'timestamptz', precision: 3 })
  lastSeenAt: Date;

  @Field(() => Int, { description: 'Usage events stored with these identifiers.' })
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  eventCount: number;

  @CreatedAt()
  createdAt: Date;

  /** Events of the identity when its last link started re-attributing them (null: never linked by hand). */
  @Column({ type: 'bigint', nullable: true, transformer: nullableBigintAsNumber })
  backfillTotal: number | null;

  /** Events of the identity examined so far by that re-attribution. */
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  backfillScanned: number;

  /** Events moved to the account so far by that re-attribution. */
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  backfillMoved: number;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  backfillStartedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  backfillFinishedAt: Date | null;
}
