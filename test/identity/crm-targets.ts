import { TestApp } from '../support/test-app';
import { bearer } from './fixtures';

/** Workspace B's CRM rows, created through the API by B's admin, for the cross-workspace matrix. */
export interface CrmTargets {
  accountId: string;
  agencyId: string;
  contactId: string;
  agentId: string;
  talentId: string;
  positionId: string;
  representationId: string;
  interactionId: string;
  taskId: string;
  stageId: string;
  campaignId: string;
  campaignTargetId: string;
  competitorId: string;
  pilotId: string;
  criterionId: string;
  grantId: string;
  savedViewId: string;
}

export async function createCrmTargets(api: TestApp, token: string): Promise<CrmTargets> {
  const call = async (query: string, variables?: Record<string, unknown>) => {
    const response = await api.graphql<any>(query, variables, bearer(token));
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data;
  };
  const account = await call(
    'mutation { createAccount(input: { name: "Bravo Pictures", kind: STUDIO, domains: ["bravo-pictures.example"] }) { id } }',
  );
  const agency = await call(
    'mutation { createAccount(input: { name: "Bravo Talent Agency", kind: TALENT_AGENCY }) { id } }',
  );
  const accountId = account.createAccount.id;
  const agencyId = agency.createAccount.id;
  const contact = await call(
    'mutation ($a: ID!) { createContact(input: { name: "Bravo Executive", kind: EXECUTIVE, accountId: $a, emails: ["exec@bravo-pictures.example"] }) { id positions { id } } }',
    { a: accountId },
  );
  const agent = await call(
    'mutation ($a: ID!) { createContact(input: { name: "Bravo Agent", kind: AGENT, accountId: $a }) { id } }',
    { a: agencyId },
  );
  const talent = await call('mutation { createContact(input: { name: "Bravo Star", kind: TALENT }) { id } }');
  const representation = await call(
    'mutation ($ag: ID!, $t: ID!, $a: ID!) { representTalent(input: { agentId: $ag, talentId: $t, agencyId: $a }) { id } }',
    {
      ag: agent.createContact.id,
      t: talent.createContact.id,
      a: agencyId,
    },
  );
  const logged = await call(
    'mutation ($a: ID!, $c: ID!) { logInteraction(input: { kind: MEETING, occurredAt: "2026-11-01T10:00:00Z", summary: "Bravo confidential pitch", accountIds: [$a], contactIds: [$c], followUps: [{ title: "Bravo follow-up" }] }) { interaction { id } tasks { id } } }',
    { a: accountId, c: contact.createContact.id },
  );
  const stages = await call('{ stages { id key } }');
  const pilot = stages.stages.find((stage: { key: string }) => stage.key === 'pilot').id;
  await call(
    'mutation ($a: ID!, $s: ID!) { moveAccountStage(input: { accountId: $a, stageId: $s, reason: "Bravo secret reason" }) { id } }',
    { a: accountId, s: pilot },
  );
  const campaign = await call(
    'mutation ($a: ID!) { createCampaign(input: { name: "Bravo Roadshow", accountIds: [$a] }) { id targets { id } } }',
    { a: accountId },
  );
  const competitor = await call(
    'mutation ($a: ID!) { setAccountCompetitor(accountId: $a, competitor: { vendor: "BravoRival", status: EVALUATING }) { id } }',
    { a: accountId },
  );
  const bPilot = await call(
    'mutation ($a: ID!) { createPilot(input: { accountId: $a, name: "Bravo secret pilot", integrationKind: API, startDate: "2026-11-01", endDate: "2026-12-01", creditBudgetUsd: 5000, criteria: [{ metric: MANUAL, label: "Bravo secret criterion" }] }) { id criteria { id } } }',
    { a: accountId },
  );
  const grant = await call(
    'mutation ($a: ID!, $p: ID!) { createGrant(input: { accountId: $a, pilotId: $p, startsOn: "2026-11-01", status: ACTIVE, seats: 3, creditUnit: USD, creditLimit: 900, notes: "Bravo secret grant" }) { id } }',
    { a: accountId, p: bPilot.createPilot.id },
  );
  const view = await call(
    'mutation { saveView(input: { list: ACCOUNTS, name: "Bravo secret view", query: "kind=STUDIO" }) { id } }',
  );
  return {
    accountId,
    agencyId,
    contactId: contact.createContact.id,
    agentId: agent.createContact.id,
    talentId: talent.createContact.id,
    positionId: contact.createContact.positions[0].id,
    representationId: representation.representTalent.id,
    interactionId: logged.logInteraction.interaction.id,
    taskId: logged.logInteraction.tasks[0].id,
    stageId: pilot,
    campaignId: campaign.createCampaign.id,
    campaignTargetId: campaign.createCampaign.targets[0].id,
    competitorId: competitor.setAccountCompetitor.id,
    pilotId: bPilot.createPilot.id,
    criterionId: bPilot.createPilot.criteria[0].id,
    grantId: grant.createGrant.id,
    savedViewId: view.saveView.id,
  };
}

type Expectation = 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'no-leak';
type CrmCall = (b: CrmTargets) => { query: string; variables?: Record<string, unknown> };

/** How a member of A calls each CRM operation aimed at B's rows, and what must come back. */
export const CRM_RULES: Record<string, { call: CrmCall; expect: Expectation }> = {
  account: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'query ($id: ID!) { account(id: $id) { id name } }',
      variables: { id: b.accountId },
    }),
  },
  contact: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'query ($id: ID!) { contact(id: $id) { id name } }',
      variables: { id: b.contactId },
    }),
  },
  interaction: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'query ($id: ID!) { interaction(id: $id) { id summary } }',
      variables: { id: b.interactionId },
    }),
  },
  task: {
    expect: 'NOT_FOUND',
    call: (b) => ({ query: 'query ($id: ID!) { task(id: $id) { id title } }', variables: { id: b.taskId } }),
  },
  stage: {
    expect: 'NOT_FOUND',
    call: (b) => ({ query: 'query ($id: ID!) { stage(id: $id) { id name } }', variables: { id: b.stageId } }),
  },
  campaign: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'query ($id: ID!) { campaign(id: $id) { id name } }',
      variables: { id: b.campaignId },
    }),
  },
  accounts: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ accounts(first: 100) { totalCount edges { node { id name domains competitors { vendor } stageHistory { reason } } } } archived: accounts(filter: { archived: true, text: "Bravo" }) { totalCount } }',
    }),
  },
  contacts: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ contacts(first: 100, filter: { text: "Bravo" }) { totalCount edges { node { id name emails } } } all: contacts(first: 100) { edges { node { id name } } } }',
    }),
  },
  interactions: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ interactions(first: 100) { totalCount edges { node { id summary } } } byText: interactions(filter: { text: "confidential pitch" }) { totalCount } }',
    }),
  },
  tasks: {
    expect: 'no-leak',
    call: () => ({ query: '{ tasks(first: 100) { totalCount edges { node { id title } } } }' }),
  },
  stages: { expect: 'no-leak', call: () => ({ query: '{ stages { id key name accountCount } }' }) },
  campaigns: {
    expect: 'no-leak',
    call: () => ({
      query: '{ campaigns(first: 100) { totalCount edges { node { id name targets { id } } } } }',
    }),
  },
  search: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ search(query: "Bravo") { kind id title snippet } domain: search(query: "bravo-pictures.example") { id } email: search(query: "exec@bravo-pictures.example") { id } }',
    }),
  },
  createAccount: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query:
        'mutation ($p: ID!) { createAccount(input: { name: "Alpha Child", kind: STUDIO, parentId: $p }) { id } }',
      variables: { p: b.accountId },
    }),
  },
  updateAccount: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { updateAccount(input: { id: $id, name: "Hijacked" }) { id name } }',
      variables: { id: b.accountId },
    }),
  },
  archiveAccount: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { archiveAccount(id: $id) { id } }',
      variables: { id: b.accountId },
    }),
  },
  restoreAccount: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { restoreAccount(id: $id) { id } }',
      variables: { id: b.accountId },
    }),
  },
  moveAccountStage: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($a: ID!, $s: ID!) { moveAccountStage(input: { accountId: $a, stageId: $s }) { id } }',
      variables: { a: b.accountId, s: b.stageId },
    }),
  },
  setAccountCompetitor: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query:
        'mutation ($a: ID!) { setAccountCompetitor(accountId: $a, competitor: { vendor: "X", status: ADOPTED }) { id } }',
      variables: { a: b.accountId },
    }),
  },
  removeAccountCompetitor: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { removeAccountCompetitor(id: $id) }',
      variables: { id: b.competitorId },
    }),
  },
  createContact: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query:
        'mutation ($a: ID!) { createContact(input: { name: "Alpha Person", kind: EXECUTIVE, accountId: $a }) { id } }',
      variables: { a: b.accountId },
    }),
  },
  updateContact: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { updateContact(input: { id: $id, title: "Hijacked" }) { id } }',
      variables: { id: b.contactId },
    }),
  },
  archiveContact: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { archiveContact(id: $id) { id } }',
      variables: { id: b.contactId },
    }),
  },
  restoreContact: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { restoreContact(id: $id) { id } }',
      variables: { id: b.contactId },
    }),
  },
  moveContact: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($c: ID!, $a: ID!) { moveContact(input: { contactId: $c, accountId: $a }) { id } }',
      variables: { c: b.contactId, a: b.agencyId },
    }),
  },
  addPosition: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query:
        'mutation ($c: ID!, $a: ID!) { addPosition(input: { contactId: $c, accountId: $a, startedOn: "2020-01-01", endedOn: "2021-01-01" }) { id } }',
      variables: { c: b.contactId, a: b.agencyId },
    }),
  },
  endPosition: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { endPosition(id: $id) { id } }',
      variables: { id: b.positionId },
    }),
  },
  representTalent: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($ag: ID!, $t: ID!) { representTalent(input: { agentId: $ag, talentId: $t }) { id } }',
      variables: { ag: b.agentId, t: b.talentId },
    }),
  },
  endRepresentation: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { endRepresentation(id: $id) { id } }',
      variables: { id: b.representationId },
    }),
  },
  logInteraction: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query:
        'mutation ($a: ID!) { logInteraction(input: { kind: CALL, occurredAt: "2026-11-02T10:00:00Z", summary: "Alpha note", accountIds: [$a] }) { interaction { id } } }',
      variables: { a: b.accountId },
    }),
  },
  createTask: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($a: ID!) { createTask(input: { title: "Alpha task", accountId: $a }) { id } }',
      variables: { a: b.accountId },
    }),
  },
  updateTask: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { updateTask(input: { id: $id, title: "Hijacked" }) { id } }',
      variables: { id: b.taskId },
    }),
  },
  completeTask: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { completeTask(id: $id) { id } }',
      variables: { id: b.taskId },
    }),
  },
  createStage: {
    expect: 'no-leak',
    call: () => ({
      query: 'mutation { createStage(input: { name: "Alpha review", category: OPEN }) { id key position } }',
    }),
  },
  updateStage: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { updateStage(input: { id: $id, name: "Hijacked" }) { id } }',
      variables: { id: b.stageId },
    }),
  },
  reorderStages: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { reorderStages(stageIds: [$id]) { id } }',
      variables: { id: b.stageId },
    }),
  },
  deleteStage: {
    expect: 'NOT_FOUND',
    call: (b) => ({ query: 'mutation ($id: ID!) { deleteStage(id: $id) }', variables: { id: b.stageId } }),
  },
  createCampaign: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($a: ID!) { createCampaign(input: { name: "Alpha push", accountIds: [$a] }) { id } }',
      variables: { a: b.accountId },
    }),
  },
  updateCampaign: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { updateCampaign(input: { id: $id, name: "Hijacked" }) { id } }',
      variables: { id: b.campaignId },
    }),
  },
  archiveCampaign: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { archiveCampaign(id: $id) { id } }',
      variables: { id: b.campaignId },
    }),
  },
  restoreCampaign: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { restoreCampaign(id: $id) { id } }',
      variables: { id: b.campaignId },
    }),
  },
  addCampaignTargets: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { addCampaignTargets(input: { campaignId: $id }) { id } }',
      variables: { id: b.campaignId },
    }),
  },
  setCampaignTargetStatus: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { setCampaignTargetStatus(input: { targetId: $id, status: MET }) { id } }',
      variables: { id: b.campaignTargetId },
    }),
  },
  pilot: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'query ($id: ID!) { pilot(id: $id) { id name criteria { label } } }',
      variables: { id: b.pilotId },
    }),
  },
  pilots: {
    expect: 'no-leak',
    call: (b) => ({
      query:
        'query ($a: ID!) { pilots(first: 100) { totalCount edges { node { id name statusHistory { reason } criteria { id label } } } } archived: pilots(filter: { archived: true }) { totalCount } byAccount: pilots(filter: { accountId: $a }) { totalCount edges { node { id } } } }',
      variables: { a: b.accountId },
    }),
  },
  createPilot: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query:
        'mutation ($a: ID!) { createPilot(input: { accountId: $a, name: "Alpha pilot", integrationKind: API, startDate: "2026-01-01", endDate: "2026-02-01", creditBudgetUsd: 10 }) { id } }',
      variables: { a: b.accountId },
    }),
  },
  updatePilot: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { updatePilot(input: { id: $id, name: "Hijacked" }) { id name } }',
      variables: { id: b.pilotId },
    }),
  },
  changePilotStatus: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { changePilotStatus(input: { id: $id, status: SCOPING }) { id status } }',
      variables: { id: b.pilotId },
    }),
  },
  archivePilot: {
    expect: 'NOT_FOUND',
    call: (b) => ({ query: 'mutation ($id: ID!) { archivePilot(id: $id) { id } }', variables: { id: b.pilotId } }),
  },
  restorePilot: {
    expect: 'NOT_FOUND',
    call: (b) => ({ query: 'mutation ($id: ID!) { restorePilot(id: $id) { id } }', variables: { id: b.pilotId } }),
  },
  addPilotCriterion: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query:
        'mutation ($p: ID!) { addPilotCriterion(input: { pilotId: $p, metric: MANUAL, label: "Alpha" }) { id } }',
      variables: { p: b.pilotId },
    }),
  },
  updatePilotCriterion: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { updatePilotCriterion(input: { id: $id, label: "Hijacked" }) { id label } }',
      variables: { id: b.criterionId },
    }),
  },
  removePilotCriterion: {
    expect: 'NOT_FOUND',
    call: (b) => ({ query: 'mutation ($id: ID!) { removePilotCriterion(id: $id) }', variables: { id: b.criterionId } }),
  },
  setManualCriterion: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { setManualCriterion(id: $id, met: true) { id manualMet } }',
      variables: { id: b.criterionId },
    }),
  },
  grant: {
    expect: 'NOT_FOUND',
    call: (b) => ({ query: 'query ($id: ID!) { grant(id: $id) { id notes } }', variables: { id: b.grantId } }),
  },
  grants: {
    expect: 'no-leak',
    call: (b) => ({
      query:
        'query ($a: ID!, $p: ID!) { grants(first: 100) { totalCount edges { node { id notes history { reason } usage { events } } } } byAccount: grants(filter: { accountId: $a }) { totalCount } byPilot: grants(filter: { pilotId: $p }) { totalCount } }',
      variables: { a: b.accountId, p: b.pilotId },
    }),
  },
  betaAccessSummary: {
    expect: 'no-leak',
    call: () => ({ query: '{ betaAccessSummary { granted activated dormant creditsUsedUsd byAccountKind { accountKind granted } } }' }),
  },
  createGrant: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($a: ID!) { createGrant(input: { accountId: $a, startsOn: "2026-01-01" }) { id } }',
      variables: { a: b.accountId },
    }),
  },
  extendGrant: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { extendGrant(input: { id: $id, expiresOn: "2200-01-01", reason: "Alpha" }) { id } }',
      variables: { id: b.grantId },
    }),
  },
  changeGrantStatus: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { changeGrantStatus(input: { id: $id, status: REVOKED, reason: "Alpha" }) { id } }',
      variables: { id: b.grantId },
    }),
  },
  savedViews: {
    expect: 'no-leak',
    call: () => ({ query: '{ savedViews(list: ACCOUNTS) { id name query } }' }),
  },
  saveView: {
    expect: 'no-leak',
    call: () => ({
      query: 'mutation { saveView(input: { list: CONTACTS, name: "Agents", query: "kind=AGENT" }) { id name } }',
    }),
  },
  notifications: {
    expect: 'no-leak',
    call: () => ({
      query:
        '{ notifications { id kind read task { title } interaction { summary accounts { name } } alert { message account { name } } } }',
    }),
  },
  unreadNotificationCount: {
    expect: 'no-leak',
    call: () => ({ query: '{ unreadNotificationCount }' }),
  },
  markNotificationsRead: {
    expect: 'no-leak',
    call: (b) => ({
      query: 'mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) }',
      variables: { ids: [`TASK_ASSIGNED:${b.taskId}`] },
    }),
  },
  markAllNotificationsRead: {
    expect: 'no-leak',
    call: () => ({ query: 'mutation { markAllNotificationsRead }' }),
  },
  bulkUpdateContacts: {
    expect: 'no-leak',
    call: (b) => ({
      query:
        'mutation ($ids: [ID!]!) { bulkUpdateContacts(input: { ids: $ids, archived: true }) { updated failures { index code message } } }',
      variables: { ids: [b.contactId, b.agentId] },
    }),
  },
  bulkUpdateTasks: {
    expect: 'no-leak',
    call: (b) => ({
      query:
        'mutation ($ids: [ID!]!) { bulkUpdateTasks(input: { ids: $ids, status: DONE }) { updated failures { index code message } } }',
      variables: { ids: [b.taskId] },
    }),
  },
  bulkMoveInteractions: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query:
        'mutation ($ids: [ID!]!, $a: ID!) { bulkMoveInteractions(input: { ids: $ids, accountId: $a }) { updated failures { index code message } } }',
      variables: { ids: [b.interactionId], a: b.accountId },
    }),
  },
  deleteSavedView: {
    expect: 'NOT_FOUND',
    call: (b) => ({
      query: 'mutation ($id: ID!) { deleteSavedView(id: $id) }',
      variables: { id: b.savedViewId },
    }),
  },
};

/** Values of B's CRM rows that must never reach a member of A. */
export function crmMarkers(b: CrmTargets): string[] {
  return [
    ...Object.values(b),
    'Bravo Pictures',
    'bravo-pictures.example',
    'BravoRival',
    'Bravo secret reason',
    'Bravo secret pilot',
    'Bravo secret criterion',
    'Bravo secret grant',
    'confidential pitch',
  ];
}
