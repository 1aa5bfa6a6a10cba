import { AppConfig } from '@greenlight/config';
import { createIdentityTestModule, IdentityTestModule } from '../../testing/identity-test-module';
import { resolveJwtSecret } from './jwt-secret';

describe('resolveJwtSecret', () => {
  let identity: IdentityTestModule;

  beforeAll(async () => {
    identity = await createIdentityTestModule();
  });
  afterAll(() => identity.close());

  it('uses JWT_SECRET when it is set', async () => {
    const config = AppConfig.fromEnv({ JWT_SECRET: 's'.repeat(40) });
    await expect(resolveJwtSecret(config, identity.dataSource)).resolves.toBe('s'.repeat(40));
  });

  it('otherwise keeps one generated secret in the database, shared by every instance', async () => {
    const config = AppConfig.fromEnv({});
    const secrets = await Promise.all([1, 2, 3].map(() => resolveJwtSecret(config, identity.dataSource)));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0].length).toBeGreaterThanOrEqual(64);
    const [row] = await identity.dataSource.query(`SELECT value FROM app_metadata WHERE key = 'auth.jwtSecret'`);
    expect(row.value).toBe(secrets[0]);
  });
});
