import { DataSource } from 'typeorm';
import { AppMetadata } from './app-metadata.entity';

export async function readMetadata<T>(dataSource: DataSource, key: string): Promise<T | undefined> {
  const row = await dataSource.getRepository(AppMetadata).findOneBy({ key });
  return row?.value as T | undefined;
}

export async function writeMetadata(dataSource: DataSource, key: string, value: unknown): Promise<void> {
  await dataSource.getRepository(AppMetadata).upsert({ key, value: value as object }, ['key']);
}
