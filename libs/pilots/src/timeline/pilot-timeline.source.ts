import { TimelineSource } from '@greenlight/crm';
import { SqlFragment, WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { PilotStatusChange } from '../pilots/pilot-status-change.entity';
import { pilotsSql } from '../sql/pilots.sql';

/** Pilot events on an account's timeline: `pilot_created` and `pilot_status_change`, from the status history. */
@Injectable()
export class PilotTimelineSource implements TimelineSource {
  readonly kinds = ['pilot_created', 'pilot_status_change'];
  readonly type = PilotStatusChange;

  constructor(private readonly scope: WorkspaceScope) {}

  entries(accountId: string): SqlFragment {
    return pilotsSql.timelineEntries(accountId);
  }

  load(ids: string[]): Promise<PilotStatusChange[]> {
    return this.scope.repository(PilotStatusChange, 'Pilot status change').findByIds(ids);
  }
}
