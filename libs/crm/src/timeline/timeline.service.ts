import {
  Connection,
  ConnectionArgs,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  holding,
  InvalidInputException,
  LoaderRegistry,
  manyByKey,
} from '@greenlight/common';
import { IdentityLoaders, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Contact } from '../contacts/contact.entity';
import { CrmLoaders } from '../crm.loaders';
import { InteractionContact, InteractionMember } from '../interactions/interaction-links.entity';
import { Interaction } from '../interactions/interaction.entity';
import { jsonMembers, jsonRows } from '../sql/json-rows';
import { timelineSql } from '../sql/timeline.sql';
import { StageTransition } from '../stages/stage-transition.entity';
import { Stage } from '../stages/stage.entity';
import { Task } from '../tasks/task.entity';
import { TimelineSources } from './timeline-sources';

/** `interaction`, `stage_change`, `task`, or a kind of a registered source. */
type TimelineKind = string;

export interface TimelineEntry {
  at: Date;
  kind: TimelineKind;
  item: object;
}

/** How each kind of `timelineSql.items` row is read. */
const readers = (dataSource: DataSource) => ({
  interaction: jsonRows(dataSource, Interaction),
  stage_change: jsonRows(dataSource, StageTransition),
  task: jsonRows(dataSource, Task),
  interaction_contact: jsonRows(dataSource, InteractionContact),
  interaction_member: jsonRows(dataSource, InteractionMember),
  contact: jsonRows(dataSource, Contact),
  member: jsonMembers(dataSource),
  stage: jsonRows(dataSource, Stage),
});
type Readers = ReturnType<typeof readers>;

/** A row of `timelineSql.page`: an entry, the total, or an item's table row as JSON. */
type PageRow =
  | { part: 'entry'; kind: TimelineKind; id: string; at: Date }
  | { part: 'total'; total: number }
  | ItemPart;
type ItemPart = { part: 'item'; kind: keyof Readers; row: Record<string, unknown> };

/**
 * An account's history, newest first: interactions, stage changes, tasks and the entries of
 * registered sources (`TimelineSources`) merged in one query.
 * Entries at the same instant are ordered by kind and id, so pages never skip or repeat one.
 * A page is one statement: its entries, the total, and its built-in items with what the timeline
 * shows of them, handed to the request's loaders, so their nested contacts, attendees, tasks, stages
 * and members cost no statement. Items of registered sources are loaded by their source.
 */
@Injectable()
export class TimelineService {
  private readonly read: Readers;

  constructor(
    private readonly db: TenantSql,
    private readonly sources: TimelineSources,
    private readonly loaders: CrmLoaders,
    private readonly identity: IdentityLoaders,
    dataSource: DataSource,
  ) {
    this.read = readers(dataSource);
  }

  /** The timeline of an account read in this workspace. */
  async forAccount(account: Account, args: ConnectionArgs, registry: LoaderRegistry): Promise<Connection<TimelineEntry>> {
    if (args.last !== undefined || args.before !== undefined) {
      throw InvalidInputException.field('last', 'the timeline pages forward only: use first and after');
    }
    const accountId = account.id;
    const size = args.first ?? DEFAULT_PAGE_SIZE;
    const [at, kind, id] = args.after
      ? decodeCursor(args.after, 'after', ['timestamp', 'text', 'uuid'])
      : [null, null, null];
    const extra = this.sources.all().map((source) => source.entries(accountId));
    const after = at === null ? null : ([at, kind, id] as [Date, string, string]);
    const rows = await this.db.query<PageRow>(timelineSql.page(accountId, extra, after, size));
    const entries = rows.filter((row) => row.part === 'entry');
    const total = rows.find((row) => row.part === 'total')?.total ?? 0;
    const page = entries.slice(0, size);
    const items = await this.load(page, rows.filter((row) => row.part === 'item'), registry);
    const edges = page
      .map((row) => ({ row, item: items.get(`${row.kind}:${row.id}`) }))
      .filter((entry) => entry.item)
      .map(({ row, item }) => ({
        cursor: encodeCursor([row.at.toISOString(), row.kind, row.id]),
        node: { at: row.at, kind: row.kind, item: item! },
      }));
    return {
      edges,
      pageInfo: {
        hasNextPage: entries.length > size,
        hasPreviousPage: Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount: async () => total,
    };
  }

  /** The page's items by `kind:id`: the built-in ones from the page's rows, the others from their sources. */
  private async load(
    entries: { kind: TimelineKind; id: string }[],
    itemRows: ItemPart[],
    registry: LoaderRegistry,
  ): Promise<Map<string, object>> {
    const ids = (...kinds: readonly string[]) =>
      entries.filter((entry) => kinds.includes(entry.kind)).map((entry) => entry.id);
    const items = new Map<string, object>(this.builtIn(ids('interaction'), ids('task'), itemRows, registry));
    const extra = await Promise.all(
      this.sources.all().map(async (source) => {
        const wanted = ids(...source.kinds);
        return wanted.length ? source.load(wanted) : [];
      }),
    );
    this.sources.all().forEach((source, index) => {
      const byId = new Map(extra[index].map((item) => [item.id, item]));
      for (const entry of entries) {
        const item = source.kinds.includes(entry.kind) ? byId.get(entry.id) : undefined;
        if (item) items.set(`${entry.kind}:${entry.id}`, item);
      }
    });
    return items;
  }

  /**
   * The interactions, stage transitions and tasks of the page by `kind:id`, read from its item rows.
   * Each holds the nested values the timeline shows (`holding`: attendees, contacts, follow-ups,
   * stages, members and their users), so GraphQL completes them without field resolvers; the
   * request's loaders get them too, for the same rows reached another way.
   */
  private builtIn(
    interactionIds: string[],
    taskIds: string[],
    rows: ItemPart[],
    registry: LoaderRegistry,
  ): [string, object][] {
    const of = <K extends ItemPart['kind']>(kind: K) =>
      rows.filter((row) => row.kind === kind).map((row) => this.read[kind](row.row) as ReturnType<Readers[K]>);
    const members = new Map(of('member').map((member) => [member.id, holding(member, { user: member.user })]));
    const contacts = new Map(of('contact').map((contact) => [contact.id, contact]));
    const stages = new Map(of('stage').map((stage) => [stage.id, stage]));
    const tasks = of('task').sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const followUps = manyByKey(interactionIds, tasks.filter((task) => task.interactionId), (task) => task.interactionId!);
    const contactLinks = manyByKey(interactionIds, of('interaction_contact'), (link) => link.interactionId);
    const memberLinks = manyByKey(interactionIds, of('interaction_member'), (link) => link.interactionId);
    const prime = <V>(loader: { prime(key: string, value: V): unknown }, keys: Iterable<string>, values: V[]) =>
      [...keys].forEach((key, index) => loader.prime(key, values[index]));
    prime(this.loaders.tasksOfInteraction(registry), interactionIds, followUps);
    prime(this.loaders.interactionContacts(registry), interactionIds, contactLinks);
    prime(this.loaders.interactionMembers(registry), interactionIds, memberLinks);
    prime(this.loaders.contact(registry), contacts.keys(), [...contacts.values()]);
    prime(this.loaders.stage(registry), stages.keys(), [...stages.values()]);
    prime(this.identity.member(registry), members.keys(), [...members.values()]);

    /** The values of `ids` when every one was read (else the field's resolver finds them). */
    const all = <V>(ids: string[], byId: Map<string, V>): V[] | undefined => {
      const values = ids.map((id) => byId.get(id));
      return values.every((value) => value !== undefined) ? (values as V[]) : undefined;
    };
    const one = <V>(id: string | null, byId: Map<string, V>): V | null | undefined => (id === null ? null : byId.get(id));
    /** The fields whose values are known (undefined ones are left to their resolvers). */
    const known = (fields: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

    const index = new Map(interactionIds.map((id, position) => [id, position]));
    const interactions = of('interaction').map((interaction) => {
      const position = index.get(interaction.id)!;
      return holding(interaction, known({
        loggedBy: one(interaction.loggedById, members),
        contacts: all(contactLinks[position].map((link) => link.contactId), contacts),
        attendees: all(memberLinks[position].map((link) => link.memberId), members),
        tasks: followUps[position].map((task) => holding(task, known({ assignee: one(task.assigneeId, members) }))),
      }));
    });
    const transitions = of('stage_change').map((transition) =>
      holding(transition, known({
        fromStage: one(transition.fromStageId, stages),
        toStage: stages.get(transition.toStageId),
        by: one(transition.byMemberId, members),
      })),
    );
    const wanted = new Set(taskIds);
    return [
      ...interactions.map((item) => [`interaction:${item.id}`, item] as [string, object]),
      ...transitions.map((item) => [`stage_change:${item.id}`, item] as [string, object]),
      ...tasks
        .filter((task) => wanted.has(task.id))
        .map((task) => [`task:${task.id}`, holding(task, known({ assignee: one(task.assigneeId, members) }))] as [string, object]),
    ];
  }
}
