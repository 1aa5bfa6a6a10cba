import { AppConfig } from './app-config';
import { ConfigError, loadEnvironment } from './environment';

describe('loadEnvironment', () => {
  it('applies defaults when nothing is set', () => {
    const env = loadEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.GREENLIGHT_DATA_DIR).toBe('.greenlight');
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('converts numbers and booleans', () => {
    const env = loadEnvironment({ PORT: '8080', GRAPHQL_INTROSPECTION: 'false' });
    expect(env.PORT).toBe(8080);
    expect(env.GRAPHQL_INTROSPECTION).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ GRAPHQL_INTROSPECTION: 'maybe' }, /GRAPHQL_INTROSPECTION must be true or false/],
    [{ JWT_SECRET: 'too-short' }, /JWT_SECRET must be at least 32 characters long/],
    [{ PUBLIC_URL: 'crm.example.com' }, /PUBLIC_URL must be an http/],
    [{ GRAPHQL_MAX_DEPTH: '1' }, /GRAPHQL_MAX_DEPTH must be a whole number/],
    [{ CORS_ORIGINS: 'example.com' }, /CORS_ORIGINS must be a comma-separated list/],
    [{ SIGN_IN_MAX_FAILURES_PER_EMAIL: '0' }, /SIGN_IN_MAX_FAILURES_PER_EMAIL must be a whole number/],
    [{ SIGN_IN_MAX_FAILURES_PER_IP: 'many' }, /SIGN_IN_MAX_FAILURES_PER_IP must be a whole number/],
    [{ SIGN_IN_FAILURE_WINDOW_SECONDS: '1.5' }, /SIGN_IN_FAILURE_WINDOW_SECONDS must be a whole number of seconds/],
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY must be a number of hops/],
    [{ USAGE_RETENTION_MONTHS: '1.5' }, /USAGE_RETENTION_MONTHS must be a whole number of months/],
    [{ USAGE_RETENTION_MONTHS: '-1' }, /USAGE_RETENTION_MONTHS must be a whole number of months/],
    [{ INGEST_MAX_REQUESTS_PER_SECOND: '0' }, /INGEST_MAX_REQUESTS_PER_SECOND must be a whole number/],
    [{ INGEST_REQUEST_BURST: '2.5' }, /INGEST_REQUEST_BURST must be a whole number/],
    [{ INGEST_MAX_EVENTS_PER_SECOND: 'lots' }, /INGEST_MAX_EVENTS_PER_SECOND must be a whole number/],
    [{ INGEST_EVENT_BURST: '-1' }, /INGEST_EVENT_BURST must be a whole number/],
  ])('rejects %j with one line naming the variable', (env, message) => {
    expect(() => loadEnvironment(env)).toThrow(ConfigError);
    expect(() => loadEnvironment(env)).toThrow(message);
    try {
      loadEnvironment(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('reads the CORS allow-list', () => {
    expect(AppConfig.fromEnv({ NODE_ENV: 'production', CORS_ORIGINS: 'https://a.example, https://b.example' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(AppConfig.fromEnv({ NODE_ENV: 'production' }).corsOrigins).toEqual([]);
  });

  it('reads the sign-in limits and the trusted proxies', () => {
    expect(AppConfig.fromEnv({}).signInLimits).toEqual({ perEmail: 5, perIp: 20, windowSeconds: 900 });
    expect(
      AppConfig.fromEnv({
        SIGN_IN_MAX_FAILURES_PER_EMAIL: '3',
        SIGN_IN_MAX_FAILURES_PER_IP: '50',
        SIGN_IN_FAILURE_WINDOW_SECONDS: '60',
      }).signInLimits,
    ).toEqual({ perEmail: 3, perIp: 50, windowSeconds: 60 });
    expect(AppConfig.fromEnv({}).trustProxy).toBe('loopback');
    expect(AppConfig.fromEnv({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(AppConfig.fromEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8' }).trustProxy).toBe(
      'loopback, 10.0.0.0/8, fd00::/8',
    );
  });

  it('reads the ingestion limits per API key', () => {
    expect(AppConfig.fromEnv({}).ingestLimits).toEqual({
      requestsPerSecond: 200,
      requestBurst: 400,
      eventsPerSecond: 100_000,
      eventBurst: 200_000,
    });
    expect(
      AppConfig.fromEnv({ INGEST_MAX_REQUESTS_PER_SECOND: '5', INGEST_EVENT_BURST: '50' }).ingestLimits,
    ).toMatchObject({ requestsPerSecond: 5, eventBurst: 50 });
  });

  it('keeps every usage event unless a retention is set', () => {
    expect(AppConfig.fromEnv({}).usageRetentionMonths).toBeNull();
    expect(AppConfig.fromEnv({ USAGE_RETENTION_MONTHS: '0' }).usageRetentionMonths).toBeNull();
    expect(AppConfig.fromEnv({ USAGE_RETENTION_MONTHS: '13' }).usageRetentionMonths).toBe(13);
  });

  it('does not repeat a rejected secret in the message', () => {
    expect(() => loadEnvironment({ JWT_SECRET: 'too-short-secret' })).toThrow('(got a hidden value)');
  });

  it('turns introspection off in production unless enabled', () => {
    expect(AppConfig.fromEnv({ NODE_ENV: 'production' }).graphqlIntrospection).toBe(false);
    expect(AppConfig.fromEnv({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).graphqlIntrospection).toBe(true);
    expect(AppConfig.fromEnv({}).graphqlIntrospection).toBe(true);
  });
});
