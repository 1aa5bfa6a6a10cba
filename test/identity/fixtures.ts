import { Role, WorkspaceService } from '@greenlight/identity';
import { TestApp } from '../support/test-app';

export const PASSWORD = 'correct horse battery staple';

export interface MemberFixture {
  email: string;
  name: string;
  userId: string;
  memberId: string;
}

export interface WorkspaceFixture {
  id: string;
  name: string;
  slug: string;
  members: Record<Role, MemberFixture>;
}

const PEOPLE: Record<Role, string> = {
  [Role.ADMIN]: 'Admin',
  [Role.PARTNERSHIPS]: 'Partnerships',
  [Role.ACCOUNT_MANAGER]: 'Account Manager',
  [Role.EXECUTIVE]: 'Executive',
};

/** A workspace with one member per role, all with PASSWORD, created as the system (like the CLI). */
export async function createWorkspace(api: TestApp, label: string): Promise<WorkspaceFixture> {
  const workspaces = api.app.get(WorkspaceService);
  const domain = `${label.toLowerCase().replace(/\W+/g, '')}.test`;
  const created = await workspaces.create({
    name: `${label} Studio`,
    admin: { email: `admin@${domain}`, name: `${label} ${PEOPLE.ADMIN}`, password: PASSWORD },
  });
  const members = {
    [Role.ADMIN]: {
      email: created.user.email,
      name: created.user.name,
      userId: created.user.id,
      memberId: created.membership.id,
    },
  } as Record<Role, MemberFixture>;
  for (const role of [Role.PARTNERSHIPS, Role.ACCOUNT_MANAGER, Role.EXECUTIVE]) {
    const email = `${role.toLowerCase()}@${domain}`;
    const name = `${label} ${PEOPLE[role]}`;
    const added = await workspaces.addMember(created.workspace.id, { email, name, role, password: PASSWORD });
    members[role] = { email, name, userId: added.user.id, memberId: added.membership.id };
  }
  return { id: created.workspace.id, name: created.workspace.name, slug: created.workspace.slug, members };
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

const SIGN_IN = `mutation SignIn($email: String!, $password: String!, $workspaceSlug: String) {
  signIn(email: $email, password: $password, workspaceSlug: $workspaceSlug) { accessToken refreshToken expiresAt member { id role } workspace { id slug } }
}`;

export async function signIn(
  api: TestApp,
  email: string,
  password = PASSWORD,
  workspaceSlug?: string,
): Promise<Tokens> {
  const response = await api.graphql<{ signIn: Tokens }>(SIGN_IN, { email, password, workspaceSlug });
  if (!response.data?.signIn)
    throw new Error(`sign-in of ${email} failed: ${JSON.stringify(response.errors)}`);
  return response.data.signIn;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** The `extensions.code` of each error, in order. */
export function codes(response: { errors?: { extensions?: { code?: string } }[] }): (string | undefined)[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}
