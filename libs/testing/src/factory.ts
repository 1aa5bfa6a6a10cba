import { Factory } from 'fishery';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A test-data factory for an entity: `build()` makes an object with believable defaults,
 * `create()` also saves it. Defaults come from `defaults(sequence)`; tests override what matters.
 */
export function entityFactory<T extends ObjectLiteral>(
  entity: EntityTarget<T>,
  defaults: (sequence: number) => Partial<T>,
) {
  const factory = Factory.define<T>(({ sequence }) => defaults(sequence) as T);
  return {
    build(overrides: Partial<T> = {}): T {
      return factory.build(overrides as never);
    },
    async create(dataSource: DataSource, overrides: Partial<T> = {}): Promise<T> {
      const repository = dataSource.getRepository(entity);
      return repository.save(repository.create(factory.build(overrides as never)));
    },
    async createMany(dataSource: DataSource, count: number, overrides: Partial<T> = {}): Promise<T[]> {
      const repository = dataSource.getRepository(entity);
      return repository.save(factory.buildList(count, overrides as never).map((row) => repository.create(row)));
    },
  };
}
