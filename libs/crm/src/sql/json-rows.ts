import { Membership, User } from '@greenlight/identity';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Reads `to_jsonb(row)` objects (keys are the table's column names) as entities, each column's
 * value converted as TypeORM hydrates it (timestamps to dates, transformers applied); relations and
 * keys that are not columns are left out. For rows nested in one statement's JSON, without the
 * query builder. Numeric and bigint columns arrive as JSON numbers.
 */
export function jsonRows<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T> & (new () => T),
): (json: Record<string, unknown>) => T {
  const columns = dataSource
    .getMetadata(entity)
    .columns.filter((column) => !column.relationMetadata || column.propertyName !== column.relationMetadata.propertyName);
  const driver = dataSource.driver;
  return (json) => {
    const row = new entity() as Record<string, unknown>;
    for (const column of columns)
      if (column.databaseName in json) row[column.propertyName] = driver.prepareHydratedValue(json[column.databaseName], column);
    return row as T;
  };
}

/** Members read as `to_jsonb(m) || jsonb_build_object('user', …)`, each with its user (no credentials). */
export function jsonMembers(dataSource: DataSource): (json: Record<string, unknown>) => Membership {
  const member = jsonRows(dataSource, Membership);
  const user = jsonRows(dataSource, User);
  return (json) => Object.assign(member(json), { user: user(json.user as Record<string, unknown>) });
}
