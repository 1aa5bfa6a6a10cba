import { Body, Controller, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { Public } from '../auth/decorators';
import { SignInThrottle } from '../entities';
import { createIdentityTestModule, IdentityTestModule } from '../../testing/identity-test-module';
import { sha256 } from '../tokens/secrets';
import { LimitFailedAttempts, TOO_MANY_ATTEMPTS } from './failed-attempts';

@Controller('attempts')
class AttemptController {
  @Public()
  @LimitFailedAttempts('email', 'ip')
  @Post()
  @HttpCode(200)
  attempt(@Body() body: { email: string; password: string }) {
    if (body.password !== 'right') throw new UnauthorizedException('Email or password is incorrect');
    return { ok: true };
  }
}

describe('@LimitFailedAttempts on a REST route', () => {
  let identity: IdentityTestModule;

  beforeAll(async () => {
    identity = await createIdentityTestModule({
      controllers: [AttemptController],
      env: { SIGN_IN_MAX_FAILURES_PER_EMAIL: '2', SIGN_IN_MAX_FAILURES_PER_IP: '3' },
    });
  });
  afterAll(() => identity.close());
  beforeEach(() => identity.dataSource.query('DELETE FROM sign_in_throttle'));

  const attempt = (email: string, password: string) =>
    fetch(`${identity.baseUrl}/attempts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
  const hitsOf = async (email: string) =>
    (
      await identity.dataSource
        .getRepository(SignInThrottle)
        .findOneBy({ key: `attempt:email:${sha256(email)}` })
    )?.hits;

  it('answers 429 with Retry-After and RATE_LIMITED once an email has used its failures', async () => {
    expect((await attempt('a@example.test', 'wrong')).status).toBe(401);
    expect((await attempt('A@Example.test ', 'wrong')).status).toBe(401);
    const refused = await attempt('a@example.test', 'right');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(890);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    expect(await refused.json()).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: TOO_MANY_ATTEMPTS,
      retryAfter: Number(refused.headers.get('retry-after')),
    });
  });

  it('does not count successes, and counts a refused attempt only against the limit that refused it', async () => {
    for (let i = 0; i < 4; i++) expect((await attempt('b@example.test', 'right')).status).toBe(200);
    expect(await hitsOf('b@example.test')).toBe(0);
    for (const email of ['c@example.test', 'd@example.test', 'b@example.test']) {
      expect((await attempt(email, 'wrong')).status).toBe(401);
    }
    expect((await attempt('b@example.test', 'right')).status).toBe(429);
    expect(await hitsOf('b@example.test')).toBe(1);
  });

  it('lets exactly the allowed number of parallel attempts through', async () => {
    const statuses = await Promise.all(Array.from({ length: 12 }, () => attempt('e@example.test', 'wrong')));
    expect(statuses.filter((response) => response.status === 401)).toHaveLength(2);
    expect(statuses.filter((response) => response.status === 429)).toHaveLength(10);
  });
});
