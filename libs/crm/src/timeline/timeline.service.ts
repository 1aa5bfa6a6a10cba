import {
  Connection,
  ConnectionArgs,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  InvalidInputException,
} from '@greenlight/common';
import { TenantSql, WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { Account } from '../accounts/account.entity';
import { Interaction } from '../interactions/interaction.entity';
import { timelineSql } from '../sql/timeline.sql';
import { StageTransition } from '../stages/stage-transition.entity';
import { Task } from '../tasks/task.entity';
import { TimelineSources } from './timeline-sources';

/** `interaction`, `stage_change`, `task`, or a kind of a registered source. */
type TimelineKind = string;

export interface TimelineEntry {
  at: Date;
  kind: TimelineKind;
  item: object;
}

/**
 * An account's history, newest first: interactions, stage changes, tasks and the entries of
 * registered sources (`TimelineSources`) merged in one query.
 * Entries at the same instant are ordered by kind and id, so pages never skip or repeat one.
 */
@Injectable()
export class TimelineService {
  constructor(
    private readonly db: TenantSql,
    private readonly scope: WorkspaceScope,
    private readonly sources: TimelineSources,
  ) {}

  /** The timeline of an account read in this workspace. */
  async forAccount(account: Account, args: ConnectionArgs): Promise<Connection<TimelineEntry>> {
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
    const items = await this.load(page);
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

  private async load(rows: { kind: TimelineKind; id: string }[]): Promise<Map<string, object>> {
    const ids = (...kinds: readonly string[]) =>
      rows.filter((row) => kinds.includes(row.kind)).map((row) => row.id);
    const [interactions, transitions, tasks, ...extra] = await Promise.all([
      this.scope.repository(Interaction, 'Interaction').findByIds(ids('interaction')),
      this.scope.repository(StageTransition, 'Stage transition').findByIds(ids('stage_change')),
      this.scope.repository(Task, 'Task').findByIds(ids('task')),
      ...this.sources.all().map(async (source) => {
        const wanted = ids(...source.kinds);
        return wanted.length ? source.load(wanted) : [];
      }),
    ]);
    const items = new Map<string, object>([
      ...interactions.map((row) => [`interaction:${row.id}`, row] as const),
      ...transitions.map((row) => [`stage_change:${row.id}`, row] as const),
      ...tasks.map((row) => [`task:${row.id}`, row] as const),
    ]);
    this.sources.all().forEach((source, index) => {
      const byId = new Map(extra[index].map((item) => [item.id, item]));
      for (const row of rows) {
        const item = source.kinds.includes(row.kind) ? byId.get(row.id) : undefined;
        if (item) items.set(`${row.kind}:${row.id}`, item);
      }
    });
    return items;
  }
}
