import { Controller, Get, Post } from '@nestjs/common';
import { ApiKeyService } from '../api-keys/api-key.service';
import { ApiKeyScope, Role } from '../entities';
import { SessionService } from '../sessions/session.service';
import {
  createIdentityTestModule,
  IdentityTestModule,
  seedWorkspace,
  TEST_PASSWORD,
} from '../../testing/identity-test-module';
import { ApiKeys, Public, Roles, SignedIn } from './decorators';

@Controller('probe')
class ProbeController {
  @Public()
  @Get('open')
  open() {
    return { ok: true };
  }

  @SignedIn()
  @Get('signed-in')
  signedIn() {
    return { ok: true };
  }

  @ApiKeys('usage:write')
  @Post('usage')
  usage() {
    return { accepted: true };
  }

  @Get('undeclared')
  undeclared() {
    return { ok: true };
  }
}

/** Members and read keys, as declared on the class, except where a handler declares its own rule. */
@SignedIn()
@ApiKeys('read')
@Controller('probe-class')
class ClassRuleController {
  @Get('inherits')
  inherits() {
    return { ok: true };
  }

  @Roles(Role.ADMIN)
  @Get('admins')
  admins() {
    return { ok: true };
  }
}

describe('AuthorizationGuard on REST routes', () => {
  let identity: IdentityTestModule;
  let usageKey: string;
  let readKey: string;
  let accessToken: string;

  beforeAll(async () => {
    identity = await createIdentityTestModule({ controllers: [ProbeController, ClassRuleController] });
    const { admin } = await seedWorkspace(identity, 'Guard Studio');
    const apiKeys = identity.get(ApiKeyService);
    usageKey = (await identity.as(admin, () => apiKeys.create('generator', [ApiKeyScope.USAGE_WRITE]))).key;
    readKey = (await identity.as(admin, () => apiKeys.create('reader', [ApiKeyScope.READ]))).key;
    accessToken = (await identity.get(SessionService).signIn('admin@guardstudio.test', TEST_PASSWORD))
      .accessToken;
  });
  afterAll(() => identity.close());

  const call = (method: string, path: string, authorization?: string) =>
    fetch(`${identity.baseUrl}/${path.includes('/') ? path : `probe/${path}`}`, {
      method,
      headers: authorization ? { authorization } : {},
    }).then((r) => r.status);
  const basic = (user: string, password = '') =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  it('lets anyone reach a public route, even with bad credentials', async () => {
    expect(await call('GET', 'open')).toBe(200);
    expect(await call('GET', 'open', 'Bearer nonsense')).toBe(200);
  });

  it('requires authentication everywhere else', async () => {
    expect(await call('GET', 'signed-in')).toBe(401);
    expect(await call('GET', 'signed-in', 'Bearer nonsense')).toBe(401);
    expect(await call('GET', 'signed-in', `Bearer ${accessToken}`)).toBe(200);
  });

  it('accepts a usage key as a Bearer token or as the Basic user name', async () => {
    expect(await call('POST', 'usage', `Bearer ${usageKey}`)).toBe(201);
    expect(await call('POST', 'usage', basic(usageKey))).toBe(201);
    expect(await call('POST', 'usage', basic(usageKey, 'ignored'))).toBe(201);
  });

  it('refuses a key without the scope, a member, and a wrong key', async () => {
    expect(await call('POST', 'usage', `Bearer ${readKey}`)).toBe(403);
    expect(await call('POST', 'usage', `Bearer ${accessToken}`)).toBe(403);
    expect(await call('POST', 'usage', `Bearer ${usageKey.slice(0, -2)}xx`)).toBe(401);
    expect(await call('POST', 'usage', basic('glk_nothing'))).toBe(401);
  });

  it('refuses everyone a route that declares no access rule', async () => {
    expect(await call('GET', 'undeclared')).toBe(401);
    expect(await call('GET', 'undeclared', `Bearer ${accessToken}`)).toBe(403);
    expect(await call('GET', 'undeclared', `Bearer ${usageKey}`)).toBe(403);
    expect(await call('GET', 'undeclared', `Bearer ${readKey}`)).toBe(403);
  });

  it("takes a handler's own rule instead of its class's, never a mix of both", async () => {
    expect(await call('GET', 'probe-class/inherits', `Bearer ${readKey}`)).toBe(200);
    expect(await call('GET', 'probe-class/inherits', `Bearer ${accessToken}`)).toBe(200);
    expect(await call('GET', 'probe-class/inherits', `Bearer ${usageKey}`)).toBe(403);
    expect(await call('GET', 'probe-class/admins', `Bearer ${accessToken}`)).toBe(200);
    expect(await call('GET', 'probe-class/admins', `Bearer ${readKey}`)).toBe(403);
  });
});
