import { Role } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { crmWorld, CrmWorld } from '../crm/support';
import { startTestApp, TestApp } from '../support/test-app';
import { DAY, Filter, filtersOf, matches, narrows, pick, random, RawRows, seedPipeline } from './support';

const TEAM = `query ($period: DashboardPeriod!, $filter: DashboardFilter) {
  teamActivity(period: $period, filter: $filter) {
    from to weeks
    interactions { memberId member { id } week kind count }
    members { id }
    overdueTasks { assigneeId assignee { id } count oldestDueAt }
  }
}`;
const KINDS = ['MEETING', 'CALL', 'DEMO', 'SCREENING', 'EMAIL', 'EVENT'];
const day = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Monday of the UTC week of an instant. */
const weekOf = (at: Date) => day(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()) - ((at.getUTCDay() + 6) % 7) * DAY);

describe('team activity dashboard', () => {
  let api: TestApp;
  let world: CrmWorld;
  let db: DataSource;
  let raw: RawRows;

  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Team Figures');
    db = api.app.get(DataSource);
    raw = new RawRows(db, world.workspace.id);
    const { accountIds } = await seedPipeline(api, world, 23, 10);
    const rng = random(99);
    const members = Object.values(world.workspace.members).map((member) => member.memberId);
    const loggers = [Role.ADMIN, Role.PARTNERSHIPS, Role.ACCOUNT_MANAGER];
    for (let i = 0; i < 60; i++) {
      const accounts = [pick(rng, accountIds), ...(rng() < 0.3 ? [pick(rng, accountIds)] : [])];
      const attendees = members.filter(() => rng() < 0.35);
      await world.as[pick(rng, loggers)].data(
        'mutation ($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id } } }',
        {
          input: {
            kind: pick(rng, KINDS),
            occurredAt: new Date(Date.now() - Math.floor(rng() * 120 * DAY)).toISOString(),
            summary: `Session ${i}`,
            accountIds: [...new Set(accounts)],
            ...(rng() < 0.8 ? { memberIds: attendees } : {}),
          },
        },
      );
    }
    // An interaction with no account (imports can write those).
    await db.query(
      `INSERT INTO interaction (workspace_id, kind, occurred_at, summary, logged_by_id) VALUES ($1, 'call', now() - interval '3 days', 'Unfiled call', $2)`,
      [world.workspace.id, world.workspace.members.ADMIN.memberId],
    );
    for (let i = 0; i < 30; i++) {
      const dueAt = new Date(Date.now() + (rng() < 0.6 ? -1 : 1) * Math.floor(1 + rng() * 20) * DAY).toISOString();
      const { createTask } = await world.as[pick(rng, loggers)].data(
        'mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }',
        {
          input: {
            title: `Follow-up ${i}`,
            dueAt,
            ...(rng() < 0.85 ? { accountId: pick(rng, accountIds) } : {}),
            ...(rng() < 0.8 ? { assigneeId: pick(rng, members) } : {}),
          },
        },
      );
      if (rng() < 0.25)
        await world.as.ADMIN.data('mutation ($id: ID!) { completeTask(id: $id) { id } }', { id: createTask.id });
    }
    await db.query(`UPDATE task SET assignee_id = NULL WHERE workspace_id = $1 AND title = 'Follow-up 3'`, [world.workspace.id]);
  });
  afterAll(() => api.close());
  const exec = () => world.as[Role.EXECUTIVE];

  /** Recomputed from raw interaction, attendee, account-link and task rows. */
  async function expected(fromDay: string, toDay: string, filter: Filter) {
    const from = Date.parse(`${fromDay}T00:00:00Z`);
    const to = Date.parse(`${toDay}T00:00:00Z`) + DAY;
    const accounts = new Map((await raw.accounts()).map((a) => [a.id, a]));
    const ws = [world.workspace.id];
    const interactions: { id: string; kind: string; occurred_at: Date; logged_by_id: string | null }[] = await db.query(
      'SELECT id, kind::text, occurred_at, logged_by_id FROM interaction WHERE workspace_id = $1',
      ws,
    );
    const attendees: { interaction_id: string; member_id: string }[] = await db.query(
      'SELECT interaction_id, member_id FROM interaction_member WHERE workspace_id = $1',
      ws,
    );
    const links: { interaction_id: string; account_id: string }[] = await db.query(
      'SELECT interaction_id, account_id FROM interaction_account WHERE workspace_id = $1',
      ws,
    );
    const counts = new Map<string, number>();
    for (const interaction of interactions) {
      const at = interaction.occurred_at.getTime();
      if (at < from || at >= to) continue;
      const linked = links.filter((l) => l.interaction_id === interaction.id).map((l) => accounts.get(l.account_id)!);
      const counted = linked.some((a) => matches(a, filter)) || (!narrows(filter) && linked.length === 0);
      if (!counted) continue;
      const credited = new Set(attendees.filter((a) => a.interaction_id === interaction.id).map((a) => a.member_id));
      if (interaction.logged_by_id) credited.add(interaction.logged_by_id);
      for (const member of credited) {
        const key = JSON.stringify([weekOf(interaction.occurred_at), member, interaction.kind.toUpperCase()]);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const tasks: { assignee_id: string | null; account_id: string | null; due_at: Date | null; status: string }[] =
      await db.query('SELECT assignee_id, account_id, due_at, status::text FROM task WHERE workspace_id = $1', ws);
    const overdue = new Map<string | null, { count: number; oldest: number }>();
    for (const task of tasks) {
      if (task.status !== 'open' || !task.due_at || task.due_at.getTime() >= Date.now()) continue;
      const account = task.account_id ? accounts.get(task.account_id)! : null;
      if (account ? !matches(account, filter) : narrows(filter)) continue;
      const entry = overdue.get(task.assignee_id) ?? { count: 0, oldest: Infinity };
      overdue.set(task.assignee_id, { count: entry.count + 1, oldest: Math.min(entry.oldest, task.due_at.getTime()) });
    }
    return {
      interactions: [...counts]
        .map(([key, count]) => {
          const [week, memberId, kind] = JSON.parse(key);
          return { memberId, member: { id: memberId }, week, kind, count };
        })
        .sort((a, b) => a.week.localeCompare(b.week) || a.memberId.localeCompare(b.memberId) || a.kind.localeCompare(b.kind)),
      overdueTasks: [...overdue]
        .map(([assigneeId, o]) => ({
          assigneeId,
          assignee: assigneeId ? { id: assigneeId } : null,
          count: o.count,
          oldestDueAt: new Date(o.oldest).toISOString(),
        }))
        .sort((a, b) => b.count - a.count || (a.assigneeId ?? '~').localeCompare(b.assigneeId ?? '~')),
    };
  }

  /** Compares every figure with its recomputation from raw rows over two periods and every filter. */
  async function expectReconciled() {
    const now = Date.now();
    let total = 0;
    for (const period of [
      { from: day(now - 130 * DAY), to: day(now) },
      { from: day(now - 50 * DAY), to: day(now - 10 * DAY) },
    ]) {
      for (const filter of filtersOf(world)) {
        const { teamActivity } = await exec().data(TEAM, { period, filter });
        const want = await expected(period.from, period.to, filter);
        const sorted = [...teamActivity.interactions].sort(
          (a: any, b: any) => a.week.localeCompare(b.week) || a.memberId.localeCompare(b.memberId) || a.kind.localeCompare(b.kind),
        );
        expect([period, filter, sorted]).toEqual([period, filter, want.interactions]);
        const overdue = [...teamActivity.overdueTasks].sort(
          (a: any, b: any) => b.count - a.count || (a.assigneeId ?? '~').localeCompare(b.assigneeId ?? '~'),
        );
        expect([filter, overdue]).toEqual([filter, want.overdueTasks]);
        for (const row of teamActivity.interactions) expect(teamActivity.weeks).toContain(row.week);
        // each member counted, once
        expect(teamActivity.members.map((member: { id: string }) => member.id).sort()).toEqual(
          [...new Set(want.interactions.map((row) => row.memberId))].sort(),
        );
        total += want.interactions.length;
      }
    }
    expect(total).toBeGreaterThan(50);
  }

  it('equals interactions per member, week and kind, and overdue tasks, recomputed from raw rows', () => expectReconciled());

  it('follows an interaction moved in time (as calendar capture moves one) with its accounts and attendees', async () => {
    // Moves a dozen attended interactions by 45 days: out of the shorter period or into it.
    const [{ moved }] = await db.query(
      `WITH moved AS (
         UPDATE interaction SET occurred_at = occurred_at - interval '45 days'
          WHERE workspace_id = $1
            AND id IN (SELECT DISTINCT interaction_id FROM interaction_member WHERE workspace_id = $1 ORDER BY interaction_id LIMIT 12)
         RETURNING id)
       SELECT count(*)::int AS moved FROM moved`,
      [world.workspace.id],
    );
    expect(moved).toBe(12);
    await expectReconciled();
  });

  it('lists every Monday the period touches', async () => {
    const { teamActivity } = await exec().data(TEAM, { period: { from: '2026-03-04', to: '2026-03-16' } });
    expect(teamActivity.weeks).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
  });
});
