import { TimelineSource } from '@greenlight/crm';
import { WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { PilotStatusChange } from '../pilots/pilot-status-change.entity';

/** Pilot events on an account's timeline: `pilot_created` and `pilot_status_change`, from the status history. */
@Injectable()
export class PilotTimelineSource implements TimelineSource {
  readonly kinds = ['pilot_created', 'pilot_status_change'];
  readonly type = PilotStatusChange;
  readonly sql = `SELECT CASE WHEN c.from_status IS NULL THEN 'pilot_created' ELSE 'pilot_status_change' END AS kind,
        c.id, c.at FROM pilot_status_change c WHERE c.workspace_id = $1 AND c.account_id = $2`;

  constructor(private readonly scope: WorkspaceScope) {}

  load(ids: string[]): Promise<PilotStatusChange[]> {
    return this.scope.repository(PilotStatusChange, 'Pilot status change').findByIds(ids);
  }
}
