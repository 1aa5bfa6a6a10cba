import { AlertKind, AlertSeverity, AlertsService } from '@greenlight/health';
import { ApiKey, Invitation, Membership, Role, systemPrincipal, TenantContext, WorkspaceService } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';
import { bearer, codes, createWorkspace, PASSWORD, signIn, Tokens, WorkspaceFixture } from './fixtures';
import { CRM_RULES, CrmTargets, createCrmTargets, crmMarkers } from './crm-targets';
import { operationsOf } from './schema-operations';

/** Workspace B's rows that a member of A tries to reach. */
interface Targets {
  a: WorkspaceFixture;
  b: WorkspaceFixture;
  bInvitationId: string;
  bApiKeyId: string;
  bSession: Tokens;
  bRefreshTokenId: string;
  bCrm: CrmTargets;
  bIdentityId: string;
  bAlertId: string;
  bSubscriptionId: string;
  bSuggestionId: string;
  bMailToken: string;
  bExclusionId: string;
  bEndpointId: string;
  bDeliveryId: string;
}

type Call = (t: Targets) => { query: string; variables?: Record<string, unknown> };

/**
 * For every operation: how a member (ADMIN) of workspace A calls it aimed at workspace B, and
 * what must come back: an error code, or (`no-leak`) an answer with nothing of B in it.
 */
const RULES: Record<
  string,
  { call: Call; expect: 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'no-leak' }
> = {
  serverInfo: { expect: 'no-leak', call: () => ({ query: '{ serverInfo { version startedAt } }' }) },
  me: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ me { user { id email name } member { id role } workspace { id name slug } workspaces { id name slug } } }',
    }),
  },
  members: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ all: members(first: 100) { totalCount edges { node { id user { id name email } } } } byName: members(search: "Bravo") { totalCount edges { node { id } } } }',
    }),
  },
  member: {
    expect: 'NOT_FOUND',
    call: (t) => ({
      query: 'query ($id: ID!) { member(id: $id) { id user { name } } }',
      variables: { id: t.b.members.ADMIN.memberId },
    }),
  },
  invitations: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ invitations(first: 100) { totalCount edges { node { id email role status invitedBy { id user { name } } } } } }',
    }),
  },
  apiKeys: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ apiKeys(first: 100, includeRevoked: true) { totalCount edges { node { id name prefix createdBy { id } } } } }',
    }),
  },
  auditEntries: {
    expect: 'no-leak',
    call: (t) => ({
      query:
        'query ($id: ID!) { one: auditEntries(entityId: $id) { totalCount edges { node { id entityId } } } all: auditEntries(first: 100) { edges { node { id entity entityId actorId before after actorMember { id } } } } }',
      variables: { id: t.b.members.ADMIN.memberId },
    }),
  },
  signIn: {
    expect: 'FORBIDDEN',
    call: (t) => ({
      query:
        'mutation ($e: String!, $p: String!, $s: String) { signIn(email: $e, password: $p, workspaceSlug: $s) { accessToken } }',
      variables: { e: t.a.members.ADMIN.email, p: PASSWORD, s: t.b.slug },
    }),
  },
  refreshSession: {
    expect: 'UNAUTHENTICATED',
    call: (t) => ({
      query: 'mutation ($r: String!) { refreshSession(refreshToken: $r) { accessToken } }',
      variables: { r: t.bRefreshTokenId },
    }),
  },
  signOut: {
    expect: 'NOT_FOUND',
    call: (t) => ({
      query: 'mutation ($r: String!) { signOut(refreshToken: $r) }',
      variables: { r: t.bSession.refreshToken },
    }),
  },
  switchWorkspace: {
    expect: 'NOT_FOUND',
    call: (t) => ({
      query: 'mutation ($id: ID!) { switchWorkspace(workspaceId: $id) { accessToken } }',
      variables: { id: t.b.id },
    }),
  },
  changePassword: {
    expect: 'no-leak',
    call: () => ({
      query: 'mutation ($p: String!) { changePassword(currentPassword: $p, newPassword: $p) }',
      variables: { p: PASSWORD },
    }),
  },
  inviteMember: {
    expect: 'no-leak',
    call: (t) => ({
      query:
        'mutation ($e: String!) { inviteMember(email: $e, role: EXECUTIVE) { link invitation { id role status invitedBy { id } } } }',
      variables: { e: t.b.members.ADMIN.email },
    }),
  },
  acceptInvitation: {
    expect: 'NOT_FOUND',
    call: (t) => ({
      query:
        'mutation ($t: String!) { acceptInvitation(token: $t, name: "Intruder", password: "a long enough password") { accessToken } }',
      variables: { t: t.bInvitationId },
    }),
  },
  revokeInvitation: {
    expect: 'NOT_FOUND',
    call: (t) => ({
      query: 'mutation ($id: ID!) { revokeInvitation(invitationId: $id) { id email } }',
      variables: { id: t.bInvitationId },
    }),
  },
  changeMemberRole: {
    expect: 'NOT_FOUND',
    call: (t) => ({
      query: 'mutation ($id: ID!) { changeMemberRole(memberId: $id, role: EXECUTIVE) { id role } }',
      variables: { id: t.b.members.ADMIN.memberId },
    }),
  },
  deactivateMember: {
    expect: 'NOT_FOUND',
    call: (t) => ({
      query: 'mutation ($id: ID!) { deactivateMember(memberId: $id) { id } }',
      variables: { id: t.b.members.PARTNERSHIPS.memberId },
    }),
  },
  reactivateMember: {
    expect: 'NOT_FOUND',
    call: (t) => ({
      query: 'mutation ($id: ID!) { reactivateMember(memberId: $id) { id } }',
      variables: { id: t.b.members.EXECUTIVE.memberId },
    }),
  },
  createApiKey: {
    expect: 'no-leak',
    call: () => ({
      query:
        'mutation { createApiKey(name: "A integration", scopes: [READ]) { key apiKey { id name prefix createdBy { id } } } }',
    }),
  },
  revokeApiKey: {
    expect: 'NOT_FOUND',
    call: (t) => ({
      query: 'mutation ($id: ID!) { revokeApiKey(apiKeyId: $id) { id name } }',
      variables: { id: t.bApiKeyId },
    }),
  },
  unmatchedIdentities: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ unmatchedIdentities(first: 100) { totalCount edges { node { id orgId projectId emailDomain eventCount account { id name } } } } }',
    }),
  },
  usageSummary: {
    expect: 'NOT_FOUND',
    call: (t) => ({
      query:
        'query ($a: ID!) { usageSummary(from: "2020-01-01", to: "2020-12-31", accountId: $a) { totals { events } byUser { userEmail } account { id name } } }',
      variables: { a: t.bCrm.accountId },
    }),
  },
  linkGeneratorIdentity: {
    expect: 'NOT_FOUND',
    call: (t) => ({
      query:
        'mutation ($i: ID!, $a: ID!) { linkGeneratorIdentity(identityId: $i, accountId: $a) { attributedEvents identity { id } } }',
      variables: { i: t.bIdentityId, a: t.bCrm.accountId },
    }),
  },
  pipeline: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ now: pipeline(filter: { includeArchived: true }) { accountCount stages { stage { id name } accountCount expectedAnnualValue { amount } accounts(first: 100) { totalCount edges { node { id name } } } } } past: pipeline(at: "2026-01-01T00:00:00Z") { accountCount } }',
    }),
  },
  funnel: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ funnel(period: { from: "2025-06-01", to: "2027-05-31" }, filter: { includeArchived: true }) { steps { stage { id name } entered converted enteredAccounts(first: 100) { edges { node { id name } } } } timeInStage { stage { id } completedStays openStays } } }',
    }),
  },
  teamActivity: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ teamActivity(period: { from: "2025-06-01", to: "2027-05-31" }) { interactions { memberId member { id } count } overdueTasks { assigneeId assignee { id } count } } }',
    }),
  },
  competitiveView: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ competitiveView(statuses: [EVALUATING, PILOTING, ADOPTED, REJECTED], filter: { includeArchived: true }) { vendor accountCount byStage { stage { id } accounts(first: 100) { edges { node { id name } } } } } }',
    }),
  },
  usageDashboard: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ usageDashboard(period: { from: "2025-06-01", to: "2027-05-31" }, granularity: WEEK, filter: { includeArchived: true }, limit: 50) { workspace { events } accounts { events } series { start accounts { events } } topAccounts { account { id name } current { events } } movers { account { id name } change } unattributed { events } } }',
    }),
  },
  calendarSubscriptions: { expect: 'no-leak', call: () => ({ query: '{ calendarSubscriptions { id name address lastError } }' }) },
  captureSettings: { expect: 'no-leak', call: () => ({ query: '{ captureSettings { bccAddress } }' }) },
  connectCalendar: {
    expect: 'no-leak',
    call: () => ({ query: 'mutation { connectCalendar(input: { name: "Alpha calendar", url: "https://calendar.alpha.invalid/a.ics" }) { id name } }' }),
  },
  uploadCalendar: {
    expect: 'no-leak',
    call: () => ({
      query: 'mutation ($ics: String!) { uploadCalendar(input: { name: "Alpha upload", ics: $ics }) { id status lastError } }',
      variables: { ics: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n' },
    }),
  },
  pollCalendar: {
    expect: 'NOT_FOUND',
    call: (t) => ({ query: 'mutation ($id: ID!) { pollCalendar(id: $id) { id name } }', variables: { id: t.bSubscriptionId } }),
  },
  disconnectCalendar: {
    expect: 'NOT_FOUND',
    call: (t) => ({ query: 'mutation ($id: ID!) { disconnectCalendar(id: $id) { id name } }', variables: { id: t.bSubscriptionId } }),
  },
  resetBccAddress: { expect: 'no-leak', call: () => ({ query: 'mutation { resetBccAddress { bccAddress } }' }) },
  excludeCapturedEvent: {
    expect: 'NOT_FOUND',
    call: (t) => ({
      query: 'mutation ($id: ID!) { excludeCapturedEvent(interactionId: $id, wholeSeries: true) }',
      variables: { id: t.bCrm.interactionId },
    }),
  },
  captureReviewQueue: {
    expect: 'no-leak',
    call: () => ({ query: '{ captureReviewQueue { id kind label email accountId message { subject from } } }' }),
  },
  acceptCaptureSuggestions: {
    expect: 'NOT_FOUND',
    call: (t) => ({ query: 'mutation ($ids: [ID!]!) { acceptCaptureSuggestions(ids: $ids) { id status } }', variables: { ids: [t.bSuggestionId] } }),
  },
  dismissCaptureSuggestions: {
    expect: 'NOT_FOUND',
    call: (t) => ({ query: 'mutation ($ids: [ID!]!) { dismissCaptureSuggestions(ids: $ids) { id status } }', variables: { ids: [t.bSuggestionId] } }),
  },
  usageRollupQuarantine: {
    expect: 'no-leak',
    call: () => ({ query: '{ usageRollupQuarantine { accountId model events error quarantinedAt } }' }),
  },
  pilotsDashboard: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ pilotsDashboard(period: { from: "2025-06-01", to: "2027-05-31" }, filter: { includeArchived: true }) { activePilots { pilot { id name account { id name } } criteriaTotal budget { spentUsd } } outcomes { month succeeded failed converted } } }',
    }),
  },
  riskDashboard: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ riskDashboard(threshold: 101, first: 100, filter: { includeArchived: true }) { accountCount accounts { account { id name } health { score reasons { message } } } openAlertCount alertsByKind { kind open acknowledged critical } } }',
    }),
  },
  accountsAtRisk: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ accountsAtRisk(threshold: 101, first: 100) { totalCount edges { node { account { id name } health { score reasons { message } } } } } }',
    }),
  },
  alerts: {
    expect: 'no-leak',
    call: (t) => ({
      query:
        'query ($a: ID!) { alerts(first: 100) { totalCount edges { node { id message account { id name } pilot { id } } } } resolved: alerts(status: RESOLVED) { totalCount } ofB: alerts(accountId: $a) { totalCount } }',
      variables: { a: t.bCrm.accountId },
    }),
  },
  acknowledgeAlert: {
    expect: 'NOT_FOUND',
    call: (t) => ({
      query: 'mutation ($id: ID!) { acknowledgeAlert(id: $id, note: "Alpha note") { id status } }',
      variables: { id: t.bAlertId },
    }),
  },
  evaluateAlerts: {
    expect: 'no-leak',
    call: () => ({ query: 'mutation { evaluateAlerts { accountsEvaluated raised resolved unresolved } }' }),
  },
  captureExclusions: {
    expect: 'no-leak',
    call: () => ({ query: '{ captureExclusions { id label wholeSeries } }' }),
  },
  includeCapturedEvent: {
    expect: 'NOT_FOUND',
    call: (t) => ({ query: 'mutation ($id: ID!) { includeCapturedEvent(id: $id) { id label } }', variables: { id: t.bExclusionId } }),
  },
  pauseCalendar: {
    expect: 'NOT_FOUND',
    call: (t) => ({ query: 'mutation ($id: ID!) { pauseCalendar(id: $id) { id name } }', variables: { id: t.bSubscriptionId } }),
  },
  resumeCalendar: {
    expect: 'NOT_FOUND',
    call: (t) => ({ query: 'mutation ($id: ID!) { resumeCalendar(id: $id) { id name } }', variables: { id: t.bSubscriptionId } }),
  },
  webhookEndpoints: {
    expect: 'no-leak',
    call: () => ({ query: '{ webhookEndpoints { id url description eventTypes disabledReason } }' }),
  },
  webhookEndpoint: {
    expect: 'NOT_FOUND',
    call: (t) => ({ query: 'query ($id: ID!) { webhookEndpoint(id: $id) { id url } }', variables: { id: t.bEndpointId } }),
  },
  webhookDeliveries: {
    expect: 'NOT_FOUND',
    call: (t) => ({
      query: 'query ($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount edges { node { id payload } } } }',
      variables: { id: t.bEndpointId },
    }),
  },
  createWebhookEndpoint: {
    expect: 'no-leak',
    call: () => ({
      query:
        'mutation { createWebhookEndpoint(input: { url: "https://hooks.alpha.example/in", eventTypes: [GRANT_CHANGED], description: "A integration hooks" }) { endpoint { id url } } }',
    }),
  },
  updateWebhookEndpoint: {
    expect: 'NOT_FOUND',
    call: (t) => ({
      query: 'mutation ($id: ID!) { updateWebhookEndpoint(input: { id: $id, enabled: true, url: "https://alpha.example" }) { id url } }',
      variables: { id: t.bEndpointId },
    }),
  },
  rotateWebhookSecret: {
    expect: 'NOT_FOUND',
    call: (t) => ({ query: 'mutation ($id: ID!) { rotateWebhookSecret(id: $id) { secret } }', variables: { id: t.bEndpointId } }),
  },
  deleteWebhookEndpoint: {
    expect: 'NOT_FOUND',
    call: (t) => ({ query: 'mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }', variables: { id: t.bEndpointId } }),
  },
  redeliverWebhook: {
    expect: 'NOT_FOUND',
    call: (t) => ({ query: 'mutation ($id: ID!) { redeliverWebhook(id: $id) { id payload } }', variables: { id: t.bDeliveryId } }),
  },
  ...Object.fromEntries(Object.entries(CRM_RULES).map(([name, rule]) => [name, { expect: rule.expect, call: (t: Targets) => rule.call(t.bCrm) }])),
};

/** Every value of workspace B that must never reach a member of A. */
function markersOf(t: Targets, bApiKeyPrefix: string): string[] {
  const members = Object.values(t.b.members).flatMap((member) => [
    member.memberId,
    member.userId,
    member.email,
    member.name,
  ]);
  return [
    'Bravo',
    'bravo',
    t.b.id,
    t.b.slug,
    t.b.name,
    t.bInvitationId,
    t.bApiKeyId,
    bApiKeyPrefix,
    ...members,
    ...crmMarkers(t.bCrm),
    t.bIdentityId,
    t.bAlertId,
    t.bSubscriptionId,
    t.bSuggestionId,
    t.bMailToken,
    t.bExclusionId,
    'Bravo excluded meeting',
    t.bEndpointId,
    t.bDeliveryId,
    'hooks.bravo.example',
    'Bravo calendar',
    'calendar.bravo.example',
    'Bravo Newcomer',
    'newcomer@bravo-pictures.example',
    'bravo-event@bravo.example',
    'Bravo quiet alert',
    'bravo-org',
    'bravo-unknown.example',
  ];
}

describe('cross-workspace matrix', () => {
  let api: TestApp;
  let targets: Targets;
  let markers: string[];
  let adminOfA: Tokens;
  let snapshotOfB: () => Promise<unknown>;

  beforeAll(async () => {
    api = await startTestApp();
    const a = await createWorkspace(api, 'Alpha');
    const b = await createWorkspace(api, 'Bravo');
    const bAdmin = await signIn(api, b.members.ADMIN.email);
    const bInvitation = await api.graphql<{ inviteMember: { invitation: { id: string } } }>(
      'mutation { inviteMember(email: "guest@bravo.test", role: PARTNERSHIPS) { invitation { id } } }',
      {},
      bearer(bAdmin.accessToken),
    );
    const bKey = await api.graphql<{ createApiKey: { key: string; apiKey: { id: string; prefix: string } } }>(
      'mutation { createApiKey(name: "Bravo generator", scopes: [USAGE_WRITE]) { key apiKey { id prefix } } }',
      {},
      bearer(bAdmin.accessToken),
    );
    await api.app
      .get(WorkspaceService)
      .addMember(b.id, { email: 'dormant@bravo.test', name: 'Bravo Dormant', role: Role.EXECUTIVE });
    const dataSource = api.app.get(DataSource);
    const bUsage = await fetch(`${api.baseUrl}/v1/usage/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bKey.data!.createApiKey.key}` },
      body: JSON.stringify({
        events: [{ eventId: 'bravo-event-1', kind: 'generation.completed', orgId: 'bravo-org', userEmail: 'x@bravo-unknown.example' }],
      }),
    });
    expect(bUsage.status).toBe(200);
    const [{ id: bIdentityId }] = await dataSource.query(
      'SELECT id FROM generator_identity WHERE workspace_id = $1',
      [b.id],
    );
    const [{ id: bRefreshTokenId }] = await dataSource.query(
      'SELECT id FROM refresh_token WHERE workspace_id = $1 LIMIT 1',
      [b.id],
    );
    const bCrm = await createCrmTargets(api, bAdmin.accessToken);
    const bAlertId = await api.app.get(TenantContext).run(systemPrincipal(b.id), async () => {
      const quiet = { kind: AlertKind.NO_RECENT_INTERACTION, pilotId: null, severity: AlertSeverity.WARNING };
      const conditions = new Map([[bCrm.accountId, [{ ...quiet, message: 'Bravo quiet alert', details: {} }]]]);
      await dataSource.transaction((manager) => api.app.get(AlertsService).reconcile(conditions, new Date(), manager));
      const [{ id }] = await dataSource.query('SELECT id FROM alert WHERE workspace_id = $1', [b.id]);
      return id as string;
    });
    const bMailToken = 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0';
    const [{ id: bSubscriptionId }] = await dataSource.query(
      `INSERT INTO calendar_subscription (workspace_id, member_id, name, url, next_poll_at)
       VALUES ($1, $2, 'Bravo calendar', 'https://calendar.bravo.example/secret.ics', 'infinity') RETURNING id`,
      [b.id, b.members.ADMIN.memberId],
    );
    const [{ id: bSuggestionId }] = await dataSource.query(
      `INSERT INTO capture_suggestion (workspace_id, member_id, kind, key, label, account_id)
       VALUES ($1, $2, 'contact', 'newcomer@bravo-pictures.example', 'Bravo Newcomer', $3) RETURNING id`,
      [b.id, b.members.ADMIN.memberId, bCrm.accountId],
    );
    await dataSource.query(
      `INSERT INTO captured_item (workspace_id, interaction_id, source, external_id, fingerprint, occurred_at, participants)
       VALUES ($1, $2, 'calendar', 'bravo-event@bravo.example', 'bravo', now(), '{newcomer@bravo-pictures.example}')`,
      [b.id, bCrm.interactionId],
    );
    await dataSource.query(`INSERT INTO mail_token (workspace_id, member_id, token) VALUES ($1, $2, $3)`, [
      b.id,
      b.members.ADMIN.memberId,
      bMailToken,
    ]);
    const [{ id: bExclusionId }] = await dataSource.query(
      `INSERT INTO capture_exclusion (workspace_id, uid, label) VALUES ($1, 'bravo-series@bravo.example', 'Bravo excluded meeting') RETURNING id`,
      [b.id],
    );
    const bEndpoint = await api.graphql<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
      'mutation { createWebhookEndpoint(input: { url: "https://hooks.bravo.example/in", eventTypes: [PILOT_CRITERION_MET], description: "Bravo hooks" }) { endpoint { id } } }',
      {},
      bearer(bAdmin.accessToken),
    );
    const bEndpointId = bEndpoint.data!.createWebhookEndpoint.endpoint.id;
    await dataSource.query(`UPDATE webhook_endpoint SET enabled = false WHERE workspace_id = $1`, [b.id]);
    const [{ id: bDeliveryId }] = await dataSource.query(
      `INSERT INTO webhook_delivery (workspace_id, endpoint_id, event_id, event_type, payload, status, enqueued_at)
       VALUES ($1, $2, gen_random_uuid(), 'pilot.criterion_met', '{"data":{"label":"Bravo hooks"}}', 'failed', now()) RETURNING id`,
      [b.id, bEndpointId],
    );
    targets = {
      a,
      b,
      bExclusionId,
      bEndpointId,
      bDeliveryId,
      bSubscriptionId,
      bSuggestionId,
      bMailToken,
      bInvitationId: bInvitation.data!.inviteMember.invitation.id,
      bApiKeyId: bKey.data!.createApiKey.apiKey.id,
      bSession: bAdmin,
      bRefreshTokenId,
      bCrm,
      bIdentityId,
      bAlertId,
    };
    markers = markersOf(targets, bKey.data!.createApiKey.apiKey.prefix);
    adminOfA = await signIn(api, a.members.ADMIN.email);
    await api.graphql(
      'mutation { inviteMember(email: "guest@alpha.test", role: PARTNERSHIPS) { link } }',
      {},
      bearer(adminOfA.accessToken),
    );
    snapshotOfB = async () => ({
      members: await dataSource
        .getRepository(Membership)
        .find({ where: { workspaceId: b.id }, order: { id: 'ASC' } }),
      invitations: await dataSource
        .getRepository(Invitation)
        .find({ where: { workspaceId: b.id }, order: { id: 'ASC' } }),
      apiKeys: (
        await dataSource.getRepository(ApiKey).find({ where: { workspaceId: b.id }, order: { id: 'ASC' } })
      ).map(({ lastUsedAt: _lastUsedAt, ...key }) => key),
      identities: await dataSource.query('SELECT * FROM generator_identity WHERE workspace_id = $1 ORDER BY id', [b.id]),
      alerts: await dataSource.query('SELECT * FROM alert WHERE workspace_id = $1 ORDER BY id', [b.id]),
      capture: await dataSource.query(
        `SELECT (SELECT json_agg(s ORDER BY id) FROM calendar_subscription s WHERE workspace_id = $1) AS subscriptions,
                (SELECT json_agg(c ORDER BY id) FROM captured_item c WHERE workspace_id = $1) AS items,
                (SELECT json_agg(q ORDER BY id) FROM capture_suggestion q WHERE workspace_id = $1) AS suggestions,
                (SELECT json_agg(e ORDER BY id) FROM capture_exclusion e WHERE workspace_id = $1) AS exclusions,
                (SELECT json_agg(t ORDER BY id) FROM mail_token t WHERE workspace_id = $1) AS tokens,
                (SELECT count(*) FROM interaction WHERE workspace_id = $1) AS interactions`,
        [b.id],
      ),
      webhooks: await dataSource.query(
        `SELECT (SELECT json_agg(e ORDER BY id) FROM webhook_endpoint e WHERE workspace_id = $1) AS endpoints,
                (SELECT json_agg(d ORDER BY id) FROM webhook_delivery d WHERE workspace_id = $1) AS deliveries`,
        [b.id],
      ),
      grants: await dataSource.query('SELECT * FROM access_grant WHERE workspace_id = $1 ORDER BY id', [b.id]),
      grantChanges: await dataSource.query('SELECT * FROM access_grant_change WHERE workspace_id = $1 ORDER BY id', [b.id]),
      health: await dataSource.query('SELECT * FROM account_health WHERE workspace_id = $1 ORDER BY account_id', [b.id]),
      events: await dataSource.query(
        'SELECT event_id, account_id, identity_id FROM usage_event WHERE workspace_id = $1 ORDER BY event_id',
        [b.id],
      ),
    });
  });
  afterAll(() => api.close());

  it('has a rule for every query and mutation of the schema', () => {
    const names = operationsOf(api).map((operation) => operation.name);
    expect(names.filter((name) => !RULES[name])).toEqual([]);
    expect(Object.keys(RULES).filter((name) => !names.includes(name))).toEqual([]);
  });

  it("never lets a member of A read or change B's data, and writes what A creates into A", async () => {
    const before = await snapshotOfB();
    for (const operation of operationsOf(api)) {
      const rule = RULES[operation.name];
      const { query, variables } = rule.call(targets);
      const response = await api.graphql(query, variables, bearer(adminOfA.accessToken));
      // The caller's own arguments may be echoed (e.g. "Member <id> was not found"): that tells nothing.
      let body = JSON.stringify({ data: response.data, errors: response.errors });
      for (const sent of Object.values(variables ?? {})) body = body.split(String(sent)).join('<argument>');
      if (rule.expect === 'no-leak') {
        expect([operation.name, response.errors ?? []]).toEqual([operation.name, []]);
      } else {
        expect([operation.name, codes(response)]).toEqual([operation.name, [rule.expect]]);
      }
      expect([operation.name, markers.filter((marker) => body.includes(marker))]).toEqual([
        operation.name,
        [],
      ]);
    }
    expect(await snapshotOfB()).toEqual(before);
    const stillSignedIn = await api.graphql(
      '{ me { workspace { slug } } }',
      {},
      bearer(targets.bSession.accessToken),
    );
    expect(stillSignedIn.data).toEqual({ me: { workspace: { slug: targets.b.slug } } });

    const dataSource = api.app.get(DataSource);
    const invited = await dataSource
      .getRepository(Invitation)
      .findOneByOrFail({ email: targets.b.members.ADMIN.email });
    expect(invited.workspaceId).toBe(targets.a.id);
    expect(
      (await dataSource.getRepository(ApiKey).findOneByOrFail({ name: 'A integration' })).workspaceId,
    ).toBe(targets.a.id);
  });

  it("never logs mail into B through A's inbound mail key, whichever way B's BCC address is given", async () => {
    const before = await snapshotOfB();
    const key = await api.graphql<{ createApiKey: { key: string } }>(
      'mutation { createApiKey(name: "A mail", scopes: [MAIL_WRITE]) { key } }',
      {},
      bearer(adminOfA.accessToken),
    );
    const bAddress = `log+${targets.bMailToken}@localhost`;
    const message = `From: someone@bravo-pictures.example\r\nTo: ${bAddress}\r\nSubject: Into B\r\nMessage-ID: <into-b@example.test>\r\n\r\nHello\r\n`;
    for (const query of ['', `?recipient=${encodeURIComponent(bAddress)}`]) {
      const response = await fetch(`${api.baseUrl}/v1/capture/mail${query}`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', ...bearer(key.data!.createApiKey.key) },
        body: message,
      });
      expect([query, response.status]).toEqual([query, 422]);
    }
    expect(await snapshotOfB()).toEqual(before);
  });
});
