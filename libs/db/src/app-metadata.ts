import { DataSource } from 'typeorm';
import { AppMetadata } from './app-metadata.entity';

export async function readMetadata<T>(dataSource: DataSource, key: string): Promise<T | undefined> {
  const row = await dataSource.getRepository(AppMetadata).findOneBy({ key });
  return row?.value as T | undefined;
}

export async function writeMetadata(dataSource: DataSource, key: string, value: unknown): Promise<void> {
  await dataSource.getRepository(AppMetadata).upsert({ key, value: value as object }, ['key']);
}

/**
 * Stores `value` under `key` unless a value is already there, and returns the stored one: when
 * several instances race, they all end up with the first writer's value.
 */
export async function readOrInitMetadata<T>(dataSource: DataSource, key: string, value: () => T): Promise<T> {
  await dataSource
    .createQueryBuilder()
    .insert()
    .into(AppMetadata)
    .values({ key, value: value() as object })
    .orIgnore()
    .execute();
  return (await readMetadata<T>(dataSource, key)) as T;
}

export async function deleteMetadata(dataSource: DataSource, key: string): Promise<void> {
  await dataSource.getRepository(AppMetadata).delete({ key });
}
