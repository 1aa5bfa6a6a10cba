import { AppConfig } from '@greenlight/config';
import { AppMetadata, dataSourceOptions } from '@greenlight/db';
import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { TenantContext } from '../src/context/tenant-context';
import { MemberPrincipal, Principal } from '../src/context/principal';
import { IDENTITY_ENTITIES, Membership, Role } from '../src/entities';
import { IdentityModule } from '../src/identity.module';
import { WorkspaceService } from '../src/workspaces/workspace.service';

@Global()
@Module({})
class TestConfigModule {
  static with(config: AppConfig): DynamicModule {
    return {
      module: TestConfigModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}

export interface IdentityTestModule {
  module: TestingModule;
  /** Set when controllers were given: where the HTTP server listens. */
  baseUrl?: string;
  db: TestDatabase;
  dataSource: DataSource;
  get<T>(type: Type<T>): T;
  /** Runs `work` as this principal, as the guard would set it for a request. */
  as<T>(principal: Principal, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The identity module on a fresh migrated database, without HTTP (services and repositories). */
export async function createIdentityTestModule(
  options: { controllers?: Type[]; env?: NodeJS.ProcessEnv } = {},
): Promise<IdentityTestModule> {
  const db = await createTestDatabase();
  const config = AppConfig.fromEnv({ NODE_ENV: 'test', PUBLIC_URL: 'https://crm.example.test', ...options.env });
  const module = await Test.createTestingModule({
    imports: [
      TestConfigModule.with(config),
      TypeOrmModule.forRoot(
        dataSourceOptions({ url: db.url, entities: [AppMetadata, ...IDENTITY_ENTITIES], poolSize: 5 }),
      ),
      IdentityModule,
    ],
    controllers: options.controllers ?? [],
  }).compile();
  const app = module.createNestApplication({ logger: false });
  // as the application's first middleware does (apps/api/src/http/request-context.ts)
  app.use((request: object, _response: unknown, next: () => void) =>
    TenantContext.enterRequest(TenantContext.requestStore(request), next),
  );
  let baseUrl: string | undefined;
  if (options.controllers?.length) {
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  } else {
    await app.init();
  }
  const context = module.get(TenantContext);
  return {
    module,
    baseUrl,
    db,
    dataSource: module.get(DataSource),
    get: (type) => module.get(type),
    as: (principal, work) => context.run(principal, work),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export const TEST_PASSWORD = 'a long enough password';

/** A workspace with an admin and, optionally, more members (all with TEST_PASSWORD). */
export async function seedWorkspace(
  identity: IdentityTestModule,
  name: string,
  roles: Role[] = [],
): Promise<{ workspaceId: string; admin: MemberPrincipal; members: MemberPrincipal[] }> {
  const workspaces = identity.get(WorkspaceService);
  const domain = `${name.toLowerCase().replace(/\W+/g, '')}.test`;
  const created = await workspaces.create({
    name,
    admin: { email: `admin@${domain}`, name: `${name} admin`, password: TEST_PASSWORD },
  });
  const principal = (membership: Membership): MemberPrincipal => ({
    kind: 'member',
    workspaceId: membership.workspaceId,
    membershipId: membership.id,
    userId: membership.userId,
    role: membership.role,
    sessionId: null,
  });
  const members: MemberPrincipal[] = [];
  for (const [index, role] of roles.entries()) {
    const added = await workspaces.addMember(created.workspace.id, {
      email: `${role.toLowerCase()}${index}@${domain}`,
      name: `${name} ${role.toLowerCase()} ${index}`,
      role,
      password: TEST_PASSWORD,
    });
    members.push(principal(added.membership));
  }
  return { workspaceId: created.workspace.id, admin: principal(created.membership), members };
}
