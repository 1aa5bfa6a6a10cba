import { AppConfig } from '@greenlight/config';
import { readOrInitMetadata } from '@greenlight/db';
import { DataSource } from 'typeorm';
import { randomSecret } from './secrets';

const JWT_SECRET_KEY = 'auth.jwtSecret';

/**
 * JWT_SECRET when configured; otherwise a secret generated on first start and kept in the
 * database, so every instance on that database signs and accepts the same tokens.
 */
export async function resolveJwtSecret(config: AppConfig, dataSource: DataSource): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  return readOrInitMetadata(dataSource, JWT_SECRET_KEY, () => randomSecret(48));
}
