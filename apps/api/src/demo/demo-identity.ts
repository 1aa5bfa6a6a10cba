import { DataSource } from 'typeorm';
import { Role, Workspace, WorkspaceService } from '@greenlight/identity';

export const DEMO_WORKSPACE = { name: 'Demo Studio Partnerships', slug: 'demo' } as const;
/** Known on purpose: the demo is for trying Greenlight out, and is never seeded in production. */
export const DEMO_PASSWORD = 'greenlight-demo';
export const DEMO_MEMBERS: readonly { role: Role; email: string; name: string }[] = [
  { role: Role.ADMIN, email: 'admin@demo.greenlight.dev', name: 'Maya Okafor' },
  { role: Role.PARTNERSHIPS, email: 'partnerships@demo.greenlight.dev', name: 'Theo Marchetti' },
  { role: Role.ACCOUNT_MANAGER, email: 'am@demo.greenlight.dev', name: 'Priya Raman' },
  { role: Role.EXECUTIVE, email: 'exec@demo.greenlight.dev', name: 'Daniel Whitford' },
];

/** The demo workspace with one member per role (kept as is when it exists). */
export async function seedDemoIdentity(workspaces: WorkspaceService): Promise<Workspace> {
  const [admin, ...others] = DEMO_MEMBERS;
  const workspace =
    (await workspaces.findBySlug(DEMO_WORKSPACE.slug)) ??
    (await workspaces.create({ ...DEMO_WORKSPACE, admin: { ...admin, password: DEMO_PASSWORD } })).workspace;
  for (const member of others)
    await workspaces.addMember(workspace.id, { ...member, password: DEMO_PASSWORD });
  return workspace;
}

/** How to sign in to the demo workspace, for the startup banner; empty when there is none. */
export async function demoSignInLines(dataSource: DataSource): Promise<string[]> {
  const workspace = await dataSource.getRepository(Workspace).findOneBy({ slug: DEMO_WORKSPACE.slug });
  if (!workspace) return [];
  const width = Math.max(...DEMO_MEMBERS.map((member) => member.role.length));
  return [
    `Demo workspace "${workspace.name}": sign in with the password ${DEMO_PASSWORD} as`,
    ...DEMO_MEMBERS.map((member) => `  ${member.role.padEnd(width)}  ${member.email}`),
  ];
}
