import { Role } from '@greenlight/identity';
import { startTestApp, TestApp } from '../support/test-app';
import { bearer, codes, createWorkspace, signIn, WorkspaceFixture } from './fixtures';
import { Operation, operationsOf, sampleCall } from './schema-operations';

/**
 * Who may call each operation. Every query and mutation of the schema must be listed, so a new
 * operation cannot ship without deciding it:
 * - public: no sign-in needed;
 * - self: any signed-in member, EXECUTIVE included (their own session or account);
 * - member: any signed-in member (mutations: not EXECUTIVE, who is read-only);
 * - admin: ADMIN only.
 */
const ACCESS: Record<string, 'public' | 'self' | 'member' | 'admin'> = {
  serverInfo: 'public',
  me: 'self',
  members: 'member',
  member: 'member',
  invitations: 'admin',
  apiKeys: 'admin',
  auditEntries: 'admin',
  signIn: 'public',
  refreshSession: 'public',
  acceptInvitation: 'public',
  signOut: 'self',
  switchWorkspace: 'self',
  changePassword: 'self',
  inviteMember: 'admin',
  revokeInvitation: 'admin',
  changeMemberRole: 'admin',
  deactivateMember: 'admin',
  reactivateMember: 'admin',
  createApiKey: 'admin',
  revokeApiKey: 'admin',
  // CRM
  account: 'member',
  accounts: 'member',
  contact: 'member',
  contacts: 'member',
  interaction: 'member',
  interactions: 'member',
  task: 'member',
  tasks: 'member',
  stage: 'member',
  stages: 'member',
  campaign: 'member',
  campaigns: 'member',
  search: 'member',
  createAccount: 'member',
  updateAccount: 'member',
  archiveAccount: 'member',
  restoreAccount: 'member',
  moveAccountStage: 'member',
  setAccountCompetitor: 'member',
  removeAccountCompetitor: 'member',
  createContact: 'member',
  updateContact: 'member',
  archiveContact: 'member',
  restoreContact: 'member',
  moveContact: 'member',
  addPosition: 'member',
  endPosition: 'member',
  representTalent: 'member',
  endRepresentation: 'member',
  logInteraction: 'member',
  createTask: 'member',
  updateTask: 'member',
  completeTask: 'member',
  bulkUpdateContacts: 'member',
  bulkUpdateTasks: 'member',
  bulkMoveInteractions: 'member',
  createCampaign: 'member',
  updateCampaign: 'member',
  archiveCampaign: 'member',
  restoreCampaign: 'member',
  addCampaignTargets: 'member',
  setCampaignTargetStatus: 'member',
  createStage: 'admin',
  updateStage: 'admin',
  reorderStages: 'admin',
  deleteStage: 'admin',
  savedViews: 'self',
  saveView: 'self',
  deleteSavedView: 'self',
  notifications: 'self',
  unreadNotificationCount: 'self',
  markNotificationsRead: 'self',
  markAllNotificationsRead: 'self',
  // pilots
  pilot: 'member',
  pilots: 'member',
  createPilot: 'member',
  updatePilot: 'member',
  changePilotStatus: 'member',
  archivePilot: 'member',
  restorePilot: 'member',
  addPilotCriterion: 'member',
  updatePilotCriterion: 'member',
  removePilotCriterion: 'member',
  setManualCriterion: 'member',
  // access grants
  grant: 'member',
  grants: 'member',
  betaAccessSummary: 'member',
  createGrant: 'member',
  extendGrant: 'member',
  changeGrantStatus: 'member',
  // health and alerts
  accountsAtRisk: 'member',
  alerts: 'member',
  acknowledgeAlert: 'member',
  evaluateAlerts: 'member',
  // telemetry
  unmatchedIdentities: 'member',
  linkGeneratorIdentity: 'member',
  usageSummary: 'member',
  usageRollupQuarantine: 'admin',
  // analytics
  pipeline: 'member',
  funnel: 'member',
  teamActivity: 'member',
  competitiveView: 'member',
  usageDashboard: 'member',
  pilotsDashboard: 'member',
  riskDashboard: 'member',
  // capture: a member's own calendars and BCC address; the workspace's review queue
  calendarSubscriptions: 'self',
  captureSettings: 'self',
  connectCalendar: 'member',
  uploadCalendar: 'member',
  pollCalendar: 'member',
  disconnectCalendar: 'member',
  resetBccAddress: 'member',
  excludeCapturedEvent: 'member',
  captureReviewQueue: 'member',
  acceptCaptureSuggestions: 'member',
  dismissCaptureSuggestions: 'member',
  captureExclusions: 'self',
  includeCapturedEvent: 'member',
  pauseCalendar: 'member',
  resumeCalendar: 'member',
  // webhooks: the workspace's data leaving it, signed with secrets
  webhookEndpoints: 'admin',
  webhookEndpoint: 'admin',
  webhookDeliveries: 'admin',
  createWebhookEndpoint: 'admin',
  updateWebhookEndpoint: 'admin',
  rotateWebhookSecret: 'admin',
  deleteWebhookEndpoint: 'admin',
  redeliverWebhook: 'admin',
};

describe('role matrix', () => {
  let api: TestApp;
  let a: WorkspaceFixture;
  let operations: Operation[];
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    api = await startTestApp();
    a = await createWorkspace(api, 'Roles');
    for (const role of Object.values(Role))
      tokens[role] = (await signIn(api, a.members[role].email)).accessToken;
    operations = operationsOf(api);
  });
  afterAll(() => api.close());

  const run = (operation: Operation, token?: string) => {
    const { query, variables } = sampleCall(operation);
    return api.graphql(query, variables, token ? bearer(token) : {});
  };

  it('has an access rule for every operation in the schema, and none for operations that are gone', () => {
    const names = operations.map((operation) => operation.name);
    expect(names.filter((name) => !(name in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((name) => !names.includes(name))).toEqual([]);
  });

  it('refuses EXECUTIVE every mutation except their own session and account', async () => {
    const mutations = operations.filter((operation) => operation.type === 'mutation');
    const refused = mutations.filter((operation) => ['member', 'admin'].includes(ACCESS[operation.name]));
    for (const operation of refused) {
      expect([operation.name, codes(await run(operation, tokens.EXECUTIVE))]).toEqual([
        operation.name,
        ['FORBIDDEN'],
      ]);
    }
    for (const operation of mutations.filter((operation) => ACCESS[operation.name] === 'self')) {
      expect([operation.name, codes(await run(operation, tokens.EXECUTIVE))]).not.toEqual([
        operation.name,
        ['FORBIDDEN'],
      ]);
    }
    expect(
      refused.length +
        mutations.filter((operation) => ['self', 'public'].includes(ACCESS[operation.name])).length,
    ).toBe(mutations.length);
  });

  it('refuses admin-only operations to every other role, and lets admins through', async () => {
    const adminOnly = operations.filter((operation) => ACCESS[operation.name] === 'admin');
    for (const operation of adminOnly) {
      for (const role of [Role.PARTNERSHIPS, Role.ACCOUNT_MANAGER, Role.EXECUTIVE]) {
        expect([operation.name, role, codes(await run(operation, tokens[role]))]).toEqual([
          operation.name,
          role,
          ['FORBIDDEN'],
        ]);
      }
      const asAdmin = codes(await run(operation, tokens.ADMIN));
      expect([
        operation.name,
        asAdmin.filter((code) => code === 'FORBIDDEN' || code === 'UNAUTHENTICATED'),
      ]).toEqual([operation.name, []]);
    }
  });

  it('lets every role run what is open to members, so an operation declaring no access fails here', async () => {
    const open = operations.filter((operation) => ['self', 'member'].includes(ACCESS[operation.name]));
    for (const operation of open) {
      for (const role of Object.values(Role)) {
        if (role === Role.EXECUTIVE && operation.type === 'mutation' && ACCESS[operation.name] === 'member')
          continue;
        const refused = codes(await run(operation, tokens[role])).filter(
          (code) => code === 'FORBIDDEN' || code === 'UNAUTHENTICATED',
        );
        expect([operation.name, role, refused]).toEqual([operation.name, role, []]);
      }
    }
  });

  it('refuses anonymous callers everything that is not public', async () => {
    for (const operation of operations.filter((operation) => ACCESS[operation.name] !== 'public')) {
      expect([operation.name, codes(await run(operation))]).toEqual([operation.name, ['UNAUTHENTICATED']]);
    }
  });

  it('lets API keys run queries with the read scope only, and never a mutation', async () => {
    const admin = tokens.ADMIN;
    const create = async (scopes: string[]) =>
      (
        await api.graphql<{ createApiKey: { key: string } }>(
          'mutation ($scopes: [ApiKeyScope!]!) { createApiKey(name: "matrix", scopes: $scopes) { key } }',
          { scopes },
          bearer(admin),
        )
      ).data!.createApiKey.key;
    const readKey = await create(['READ']);
    const usageKey = await create(['USAGE_WRITE']);
    const entitlementsKey = await create(['ENTITLEMENTS_READ']);
    for (const operation of operations.filter((operation) => ACCESS[operation.name] !== 'public')) {
      const withRead = codes(await run(operation, readKey));
      const readAllowed = operation.type === 'query' && ACCESS[operation.name] === 'member';
      if (readAllowed)
        expect([operation.name, withRead.filter((code) => code === 'FORBIDDEN')]).toEqual([
          operation.name,
          [],
        ]);
      else expect([operation.name, withRead]).toEqual([operation.name, ['FORBIDDEN']]);
      expect([operation.name, codes(await run(operation, usageKey))]).toEqual([
        operation.name,
        ['FORBIDDEN'],
      ]);
      expect([operation.name, codes(await run(operation, entitlementsKey))]).toEqual([
        operation.name,
        ['FORBIDDEN'],
      ]);
    }
  });
});
