import { Role } from '@greenlight/identity';
import { createWorkspace, signIn, WorkspaceFixture } from '../identity/fixtures';
import { GraphQLResponse, TestApp } from '../support/test-app';

/** A signed-in caller: `call` returns the whole response, `data` throws on any error. */
export interface Caller {
  call<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  data<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export function callerFor(api: TestApp, accessToken: string): Caller {
  const call = <T>(query: string, variables?: Record<string, unknown>) =>
    api.graphql<T>(query, variables, { authorization: `Bearer ${accessToken}` });
  return {
    call,
    async data<T>(query: string, variables?: Record<string, unknown>) {
      const response = await call<T>(query, variables);
      if (response.errors?.length || !response.data)
        throw new Error(JSON.stringify(response.errors, null, 2));
      return response.data;
    },
  };
}

export interface CrmWorld {
  workspace: WorkspaceFixture;
  as: Record<Role, Caller>;
}

/** A workspace with a signed-in caller per role. */
export async function crmWorld(api: TestApp, label: string): Promise<CrmWorld> {
  const workspace = await createWorkspace(api, label);
  const as = {} as Record<Role, Caller>;
  for (const role of Object.values(Role)) {
    const tokens = await signIn(api, workspace.members[role].email, undefined, workspace.slug);
    as[role] = callerFor(api, tokens.accessToken);
  }
  return { workspace, as };
}

export const CREATE_ACCOUNT = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) { id name kind domains tags stage { key name } stageEnteredAt archivedAt }
}`;

export async function createAccount(
  caller: Caller,
  input: Record<string, unknown>,
): Promise<{ id: string; name: string }> {
  const { createAccount: account } = await caller.data<{ createAccount: { id: string; name: string } }>(
    CREATE_ACCOUNT,
    {
      input: { kind: 'STUDIO', ...input },
    },
  );
  return account;
}

export async function createContact(
  caller: Caller,
  input: Record<string, unknown>,
): Promise<{ id: string; name: string }> {
  const { createContact: contact } = await caller.data<{ createContact: { id: string; name: string } }>(
    `mutation($input: CreateContactInput!) { createContact(input: $input) { id name } }`,
    { input: { kind: 'EXECUTIVE', ...input } },
  );
  return contact;
}

export async function stageId(caller: Caller, key: string): Promise<string> {
  const { stages } = await caller.data<{ stages: { id: string; key: string }[] }>('{ stages { id key } }');
  const stage = stages.find((candidate) => candidate.key === key);
  if (!stage) throw new Error(`no stage ${key}`);
  return stage.id;
}

/** The field paths named by a BAD_USER_INPUT response. */
export function badFields(response: GraphQLResponse): string[] {
  return fieldsWith('BAD_USER_INPUT', response);
}

/** The field paths named by errors with this code. */
export function fieldsWith(code: string, response: GraphQLResponse): string[] {
  return (response.errors ?? []).flatMap((error) =>
    error.extensions?.code === code
      ? ((error.extensions.fields as { path: string }[] | undefined) ?? []).map((field) => field.path)
      : [],
  );
}
