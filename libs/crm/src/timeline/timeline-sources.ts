import { SqlFragment } from '@greenlight/identity';
import { Injectable, Type } from '@nestjs/common';

/** The entry kinds the CRM itself puts on a timeline. */
const BUILT_IN_TIMELINE_KINDS = ['interaction', 'stage_change', 'task'] as const;

/**
 * Entries another library adds to account timelines, without the CRM knowing that library.
 * Register it from a module or provider constructor, before the GraphQL schema is built.
 */
export interface TimelineSource {
  /** The kinds of entry `entries` yields (lower-case words, e.g. `pilot_created`). */
  readonly kinds: readonly string[];
  /** `SELECT kind, id, at` of one account's entries in the current workspace (`sql.workspace`). */
  entries(accountId: string): SqlFragment;
  /** The GraphQL object type of the items: it joins the `TimelineItem` union. */
  readonly type: Type<object>;
  /** The items with these ids in the current workspace (missing ones are left out of the page). */
  load(ids: string[]): Promise<{ id: string }[]>;
}

/** Item types of every source registered in this process: read when the schema is built. */
const itemTypes = new Set<Type<object>>();

export function registeredTimelineItemTypes(): Type<object>[] {
  return [...itemTypes];
}

/** The timeline sources of this application, in registration order. */
@Injectable()
export class TimelineSources {
  private readonly sources: TimelineSource[] = [];

  register(source: TimelineSource): void {
    const taken = new Set<string>([...BUILT_IN_TIMELINE_KINDS, ...this.sources.flatMap((s) => s.kinds)]);
    for (const kind of source.kinds) {
      if (!/^[a-z][a-z_]*$/.test(kind)) throw new Error(`Timeline kind "${kind}" must be lower-case words`);
      if (taken.has(kind)) throw new Error(`Timeline kind "${kind}" is registered twice`);
    }
    this.sources.push(source);
    itemTypes.add(source.type);
  }

  all(): readonly TimelineSource[] {
    return this.sources;
  }
}
