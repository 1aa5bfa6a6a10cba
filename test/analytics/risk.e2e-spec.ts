import { Role } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { badFields, createAccount, crmWorld, CrmWorld } from '../crm/support';
import { startTestApp, TestApp } from '../support/test-app';
import { Filter, filtersOf, matches, RawRows } from './support';

const DASHBOARD = `query ($t: Int, $n: Int, $f: DashboardFilter) {
  riskDashboard(threshold: $t, first: $n, filter: $f) {
    threshold accountCount openAlertCount
    accounts { account { id name } health { score level computedAt reasons { code message impact } } }
    alertsByKind { kind open acknowledged critical }
  }
}`;
const EVALUATE = 'mutation { evaluateAlerts { accountsEvaluated } }';
const KINDS = ['usage_drop', 'pilot_ending_unmet', 'pilot_budget_spent', 'no_recent_interaction'];
const STATUSES = ['open', 'acknowledged', 'resolved'];

describe('risk dashboard', () => {
  let api: TestApp;
  let world: CrmWorld;
  let db: DataSource;
  let raw: RawRows;
  let lostStageIds: string[];

  beforeAll(async () => {
    api = await startTestApp();
    db = api.app.get(DataSource);
    world = await crmWorld(api, 'Risk Figures');
    raw = new RawRows(db, world.workspace.id);
    const rep = world.as[Role.PARTNERSHIPS];
    const owner = (role: Role) => world.workspace.members[role].memberId;
    const kinds = ['STUDIO', 'STREAMER', 'NETWORK', 'TALENT_AGENCY'];
    const roles = [Role.PARTNERSHIPS, Role.ADMIN, Role.ACCOUNT_MANAGER];
    const regions = ['Los Angeles', 'London', 'london', null];
    const ids: string[] = [];
    for (let i = 0; i < 14; i++)
      ids.push(
        (
          await createAccount(rep, {
            name: `Risk account ${String(i).padStart(2, '0')}`,
            kind: kinds[i % 4],
            ownerId: owner(roles[i % 3]),
            region: regions[(i >> 1) % 4],
          })
        ).id,
      );
    // A real evaluation stores every account's score and reasons; then the scores are spread out.
    await rep.data(EVALUATE);
    for (const [i, id] of ids.entries()) {
      await db.query(
        `UPDATE account_health SET score = $2,
           reasons = reasons || jsonb_build_array(jsonb_build_object('code', 'USAGE_DOWN', 'message', 'usage down ' || $3::text || '%', 'impact', -$3::int))
         WHERE account_id = $1`,
        [id, (i * 37) % 101, (i * 7) % 40],
      );
      for (const [k, kind] of KINDS.entries()) {
        if ((i + k) % 3 === 0) continue;
        await db.query(
          `INSERT INTO alert (workspace_id, kind, status, severity, account_id, message, details, first_raised_at, last_evaluated_at)
           VALUES ($1, $2, $3, $4, $5, 'condition holds', '{}', now(), now())`,
          [world.workspace.id, kind, STATUSES[(i + 2 * k) % 3], (i * k) % 4 === 1 ? 'critical' : 'warning', id],
        );
      }
    }
    // Resolved alerts may repeat a kind: only one unresolved alert per kind and account exists.
    await db.query(
      `INSERT INTO alert (workspace_id, kind, status, severity, account_id, message, details, first_raised_at, last_evaluated_at)
       VALUES ($1, 'usage_drop', 'resolved', 'critical', $2, 'cleared', '{}', now(), now())`,
      [world.workspace.id, ids[0]],
    );
    for (const id of [ids[3], ids[8]]) await rep.data('mutation ($id: ID!) { archiveAccount(id: $id) { id } }', { id });
    // Closed accounts (a lost stage) are no longer at risk; their alerts still count by kind.
    const stages: { id: string; category: string }[] = (await rep.data('{ stages { id category } }')).stages;
    lostStageIds = stages.filter((stage) => stage.category === 'LOST').map((stage) => stage.id);
    for (const id of [ids[0], ids[1]])
      await rep.data('mutation ($input: MoveAccountStageInput!) { moveAccountStage(input: $input) { id } }', {
        input: { accountId: id, stageId: lostStageIds[0], reason: 'went with a rival' },
      });

    const other = await crmWorld(api, 'Other Risk');
    await createAccount(other.as[Role.PARTNERSHIPS], { name: 'Other risk account' });
    await other.as[Role.PARTNERSHIPS].data(EVALUATE);
    await db.query(`UPDATE account_health SET score = 1 WHERE workspace_id = $1`, [other.workspace.id]);
  });
  afterAll(() => api.close());

  const exec = () => world.as[Role.EXECUTIVE];

  async function expected(threshold: number, first: number, filter: Filter) {
    const kept = (await raw.accounts()).filter((a) => matches(a, filter));
    const accounts = new Set(kept.map((a) => a.id));
    const open = new Set(kept.filter((a) => !lostStageIds.includes(a.stage_id)).map((a) => a.id));
    const healths: { account_id: string; score: number; reasons: { code: string; message: string; impact: number }[] }[] =
      await db.query('SELECT account_id, score, reasons FROM account_health WHERE workspace_id = $1', [world.workspace.id]);
    const atRisk = healths
      .filter((row) => open.has(row.account_id) && row.score < threshold)
      .sort((a, b) => a.score - b.score || (a.account_id < b.account_id ? -1 : 1));
    const alerts: { kind: string; status: string; severity: string; account_id: string }[] = await db.query(
      'SELECT kind::text, status::text, severity::text, account_id FROM alert WHERE workspace_id = $1',
      [world.workspace.id],
    );
    const unresolved = alerts.filter((alert) => accounts.has(alert.account_id) && alert.status !== 'resolved');
    // every kind of alert there is, in the order the enum declares them
    const allKinds: { kind: string }[] = await db.query('SELECT unnest(enum_range(NULL::alert_kind))::text AS kind');
    const byKind = allKinds.map(({ kind }) => {
      const ofKind = unresolved.filter((alert) => alert.kind === kind);
      return {
        kind: kind.toUpperCase(),
        open: ofKind.filter((alert) => alert.status === 'open').length,
        acknowledged: ofKind.filter((alert) => alert.status === 'acknowledged').length,
        critical: ofKind.filter((alert) => alert.severity === 'critical').length,
      };
    });
    return {
      threshold,
      accountCount: atRisk.length,
      openAlertCount: unresolved.filter((alert) => alert.status === 'open').length,
      accounts: atRisk.slice(0, first).map((row) => ({
        accountId: row.account_id,
        score: row.score,
        level: row.score < 50 ? 'AT_RISK' : row.score < 70 ? 'WATCH' : 'HEALTHY',
        reasons: [...row.reasons].sort((a, b) => Math.abs(b.impact) - Math.abs(a.impact)),
      })),
      alertsByKind: byKind,
    };
  }

  const actual = (dashboard: any) => ({
    threshold: dashboard.threshold,
    accountCount: dashboard.accountCount,
    openAlertCount: dashboard.openAlertCount,
    accounts: dashboard.accounts.map((row: any) => ({
      accountId: row.account.id,
      score: row.health.score,
      level: row.health.level,
      reasons: row.health.reasons,
    })),
    alertsByKind: dashboard.alertsByKind,
  });

  it('equals the stored scores and alerts recomputed from their rows, for thresholds, page sizes and filters', async () => {
    let listed = 0;
    for (const [threshold, first] of [
      [50, 20],
      [30, 3],
      [101, 100],
    ]) {
      for (const filter of filtersOf(world)) {
        const { riskDashboard } = await exec().data(DASHBOARD, { t: threshold, n: first, f: filter });
        expect([threshold, filter, actual(riskDashboard)]).toEqual([threshold, filter, await expected(threshold, first, filter)]);
        listed += riskDashboard.accounts.length;
      }
    }
    expect(listed).toBeGreaterThan(40);
    const { riskDashboard } = await exec().data(DASHBOARD, {});
    expect(riskDashboard.threshold).toBe(50);
    expect(actual(riskDashboard)).toEqual(await expected(50, 20, {}));
    const seeded = riskDashboard.alertsByKind.filter((row: any) => KINDS.includes(row.kind.toLowerCase()));
    expect(seeded).toHaveLength(KINDS.length);
    expect(seeded.every((row: any) => row.open + row.acknowledged > 0)).toBe(true);
  });

  it('leaves accounts in a lost stage out of the accounts at risk', async () => {
    const { riskDashboard } = await exec().data(DASHBOARD, { t: 101, n: 100 });
    const names = riskDashboard.accounts.map((row: any) => row.account.name);
    expect(names).toContain('Risk account 02');
    expect(names).not.toContain('Risk account 00');
    expect(names).not.toContain('Risk account 01');
  });

  it('names the argument at fault', async () => {
    expect(badFields(await exec().call(DASHBOARD, { t: 0 }))).toEqual(['threshold']);
    expect(badFields(await exec().call(DASHBOARD, { n: 101 }))).toEqual(['first']);
  });
});
