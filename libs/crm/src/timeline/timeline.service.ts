import {
  Connection,
  ConnectionArgs,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
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

/** A row of `timelineSql.items`: the kind of row and its table row as JSON. */
interface ItemRow {
  kind: keyof Readers;
  row: Record<string, unknown>;
}

/**
 * An account's history, newest first: interactions, stage changes, tasks and the entries of
 * registered sources (`TimelineSources`) merged in one query.
 * Entries at the same instant are ordered by kind and id, so pages never skip or repeat one.
 * The built-in items of a page are read with what the timeline shows of them in one more statement,
 * handed to the request's loaders, so their nested contacts, attendees, tasks, stages and members
 * cost no statement.
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
    const rows = await this.db.query<{ kind: TimelineKind; id: string; at: Date }>(
      timelineSql.page(accountId, extra, after, size + 1),
    );
    const page = rows.slice(0, size);
    const items = await this.load(page, registry);
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
        hasNextPage: rows.length > size,
        hasPreviousPage: Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount: async () => {
        const { count } = (await this.db.first<{ count: string }>(timelineSql.count(accountId, extra)))!;
        return Number(count);
      },
    };
  }

  private async load(rows: { kind: TimelineKind; id: string }[], registry: LoaderRegistry): Promise<Map<string, object>> {
    const ids = (...kinds: readonly string[]) =>
      rows.filter((row) => kinds.includes(row.kind)).map((row) => row.id);
    const [builtIn, ...extra] = await Promise.all([
      this.builtIn(ids('interaction'), ids('stage_change'), ids('task'), registry),
      ...this.sources.all().map(async (source) => {
        const wanted = ids(...source.kinds);
        return wanted.length ? source.load(wanted) : [];
      }),
    ]);
    const items = new Map<string, object>(builtIn);
    this.sources.all().forEach((source, index) => {
      const byId = new Map(extra[index].map((item) => [item.id, item]));
      for (const row of rows) {
        const item = source.kinds.includes(row.kind) ? byId.get(row.id) : undefined;
        if (item) items.set(`${row.kind}:${row.id}`, item);
      }
    });
    return items;
  }

  /**
   * The interactions, stage transitions and tasks with these ids by `kind:id`, read in one
   * statement with their nested rows, which go to the request's loaders.
   */
  private async builtIn(
    interactionIds: string[],
    transitionIds: string[],
    taskIds: string[],
    registry: LoaderRegistry,
  ): Promise<[string, object][]> {
    if (!interactionIds.length && !transitionIds.length && !taskIds.length) return [];
    const rows = await this.db.query<ItemRow>(timelineSql.items(interactionIds, transitionIds, taskIds));
    const of = <K extends ItemRow['kind']>(kind: K) =>
      rows.filter((row) => row.kind === kind).map((row) => this.read[kind](row.row) as ReturnType<Readers[K]>);
    const tasks = of('task').sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const prime = <V>(loader: { prime(key: string, value: V): unknown }, keys: string[], values: V[]) =>
      keys.forEach((key, index) => loader.prime(key, values[index]));
    prime(this.loaders.tasksOfInteraction(registry), interactionIds,
      manyByKey(interactionIds, tasks.filter((task) => task.interactionId), (task) => task.interactionId!));
    prime(this.loaders.interactionContacts(registry), interactionIds,
      manyByKey(interactionIds, of('interaction_contact'), (link) => link.interactionId));
    prime(this.loaders.interactionMembers(registry), interactionIds,
      manyByKey(interactionIds, of('interaction_member'), (link) => link.interactionId));
    for (const contact of of('contact')) this.loaders.contact(registry).prime(contact.id, contact);
    for (const stage of of('stage')) this.loaders.stage(registry).prime(stage.id, stage);
    for (const member of of('member')) this.identity.member(registry).prime(member.id, member);
    const wanted = new Set(taskIds);
    return [
      ...of('interaction').map((item) => [`interaction:${item.id}`, item] as [string, object]),
      ...of('stage_change').map((item) => [`stage_change:${item.id}`, item] as [string, object]),
      ...tasks.filter((task) => wanted.has(task.id)).map((item) => [`task:${item.id}`, item] as [string, object]),
    ];
  }
}
