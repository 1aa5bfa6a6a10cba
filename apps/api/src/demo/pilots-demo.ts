import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays, dayOf } from '@greenlight/common';
import { sqlInWorkspace } from '@greenlight/identity';
import {
  Pilot,
  PilotComparator,
  PilotCriterion,
  PilotIntegrationKind,
  PilotMetric,
  PilotStatus,
  PilotStatusChange,
} from '@greenlight/pilots';
import { demoSql } from './demo.sql';

const { PROPOSED, SCOPING, ACTIVE, PAUSED, SUCCEEDED, FAILED, CONVERTED } = PilotStatus;
const DAY = 86_400_000;

/** The statuses pilots with accounts in each stage are given, in turn. */
const STATUSES_BY_STAGE: Record<string, PilotStatus[]> = {
  pilot: [ACTIVE, SCOPING, ACTIVE, PROPOSED, ACTIVE, PAUSED, ACTIVE, SCOPING, ACTIVE],
  paused: [PAUSED, FAILED],
  negotiation: [SUCCEEDED, ACTIVE, SUCCEEDED],
  adopted: [CONVERTED],
  expanding: [CONVERTED],
  lost: [FAILED],
};

/** How a pilot reached each status. */
const PATHS: Record<PilotStatus, PilotStatus[]> = {
  [PROPOSED]: [PROPOSED],
  [SCOPING]: [PROPOSED, SCOPING],
  [ACTIVE]: [PROPOSED, SCOPING, ACTIVE],
  [PAUSED]: [PROPOSED, SCOPING, ACTIVE, PAUSED],
  [SUCCEEDED]: [PROPOSED, SCOPING, ACTIVE, SUCCEEDED],
  [FAILED]: [PROPOSED, SCOPING, ACTIVE, FAILED],
  [CONVERTED]: [PROPOSED, SCOPING, ACTIVE, SUCCEEDED, CONVERTED],
};

const NAMES: Record<PilotIntegrationKind, string[]> = {
  [PilotIntegrationKind.API]: ['Trailer generation API', 'Localized promo API', 'Storyboard animatics API'],
  [PilotIntegrationKind.EDITING_SUITE_PLUGIN]: ['Editing suite plug-in trial', 'B-roll generator plug-in'],
  [PilotIntegrationKind.PIPELINE_INTEGRATION]: ['VFX previs pipeline', 'Dailies clean-up pipeline'],
  [PilotIntegrationKind.CREATIVE_SPRINT]: ['Title sequence sprint', 'Social cut-downs sprint'],
};

const REASONS: Partial<Record<PilotStatus, string>> = {
  [SCOPING]: 'Kick-off call held; integration scope being written',
  [ACTIVE]: 'Credentials issued and first renders delivered',
  [PAUSED]: 'Waiting on the studio security review',
  [SUCCEEDED]: 'Criteria met at the close review',
  [FAILED]: 'Render quality below the bar for broadcast',
  [CONVERTED]: 'Annual agreement signed',
};

interface PilotsDemoSummary {
  pilots: number;
  criteria: number;
}

/**
 * Pilots for the demo accounts in the pilot stage and beyond: every status appears, each with its
 * status history and a mix of telemetry and MANUAL criteria. Deterministic for a given `now`.
 */
export async function seedPilotsDemo(
  dataSource: DataSource,
  workspaceId: string,
  memberIds: string[],
  now = new Date(),
): Promise<PilotsDemoSummary> {
  let state = 20_261_127;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const today = dayOf(now);

  const accounts = await sqlInWorkspace(dataSource, workspaceId).query<{ id: string; stage: string }>(
    demoSql.accountsInStages(Object.keys(STATUSES_BY_STAGE)),
  );
  const pilots: Partial<Pilot>[] = [];
  const changes: Partial<PilotStatusChange>[] = [];
  const criteria: Partial<PilotCriterion>[] = [];
  const seen = new Map<string, number>();
  const kinds = Object.values(PilotIntegrationKind);

  for (const [index, account] of accounts.entries()) {
    const turn = seen.get(account.stage) ?? 0;
    seen.set(account.stage, turn + 1);
    const statuses = STATUSES_BY_STAGE[account.stage];
    const status = statuses[turn % statuses.length];
    const kind = kinds[index % kinds.length];
    const ended = [SUCCEEDED, FAILED, CONVERTED].includes(status);
    const startDate = ended
      ? addDays(today, -int(70, 150))
      : [PROPOSED, SCOPING].includes(status)
        ? addDays(today, int(5, 30))
        : addDays(today, -int(10, 40));
    let endDate = addDays(startDate, ended ? int(30, 60) : int(45, 75));
    let credit = int(5, 50) * 1_000;
    // the first active pilots end within a week and run out of credit: what the alerts are for
    if (account.stage === 'pilot' && status === ACTIVE && turn === 0) endDate = addDays(today, 5);
    if (account.stage === 'pilot' && status === ACTIVE && turn === 2) credit = 500;
    const id = randomUUID();
    const owner = memberIds[index % memberIds.length] ?? null;
    const path = PATHS[status];
    let at = new Date(now.getTime() - (ended ? int(90, 170) : int(20, 60)) * DAY);
    const step = Math.max(1, Math.floor((now.getTime() - at.getTime()) / DAY / (path.length + 1)));
    path.forEach((to, position) => {
      changes.push({
        id: randomUUID(),
        workspaceId,
        pilotId: id,
        accountId: account.id,
        fromStatus: position === 0 ? null : path[position - 1],
        toStatus: to,
        at,
        byMemberId: owner,
        reason: position === 0 ? 'created' : (REASONS[to] ?? null),
      });
      if (position < path.length - 1) at = new Date(at.getTime() + int(1, step) * DAY);
    });
    const names = NAMES[kind];
    pilots.push({
      id,
      workspaceId,
      accountId: account.id,
      name: names[index % names.length],
      integrationKind: kind,
      status,
      statusChangedAt: at,
      startDate,
      endDate,
      ownerId: owner,
      creditBudgetUsd: credit,
      notes: index % 3 === 0 ? 'Weekly check-in on Thursdays with the post-production lead.' : null,
      archivedAt: null,
      createdAt: changes.find((change) => change.pilotId === id)!.at,
    });
    let position = 0;
    const criterion = (values: Partial<PilotCriterion>) =>
      criteria.push({
        id: randomUUID(),
        workspaceId,
        pilotId: id,
        position: ++position,
        comparator: null,
        target: null,
        label: null,
        windowStart: null,
        windowEnd: null,
        manualMet: null,
        manualSetById: null,
        manualSetAt: null,
        ...values,
      });
    criterion({ metric: PilotMetric.GENERATIONS, comparator: PilotComparator.AT_LEAST, target: int(2, 20) * 100 });
    criterion({ metric: PilotMetric.ACTIVE_USERS, comparator: PilotComparator.AT_LEAST, target: int(5, 25) });
    if (index % 2 === 0)
      criterion({ metric: PilotMetric.SUCCESS_RATE, comparator: PilotComparator.AT_LEAST, target: 0.9 });
    if (index % 3 === 0)
      criterion({ metric: PilotMetric.MEDIAN_RENDER_SECONDS, comparator: PilotComparator.AT_MOST, target: 90 });
    criterion({ metric: PilotMetric.SPEND_USD, comparator: PilotComparator.AT_MOST, target: credit });
    const verdict = status === FAILED ? false : [SUCCEEDED, CONVERTED].includes(status) ? true : null;
    criterion({
      metric: PilotMetric.MANUAL,
      label: 'Editorial team signs off on output quality',
      manualMet: verdict,
      manualSetById: verdict === null ? null : owner,
      manualSetAt: verdict === null ? null : at,
    });
  }

  await dataSource.transaction(async (manager) => {
    for (const [entity, rows] of [
      [Pilot, pilots],
      [PilotStatusChange, changes],
      [PilotCriterion, criteria],
    ] as const) {
      for (let i = 0; i < rows.length; i += 500)
        await manager.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + 500) as never).execute();
    }
  });
  return { pilots: pilots.length, criteria: criteria.length };
}
