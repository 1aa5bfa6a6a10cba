/**
 * The fields an update input actually carries. Validated inputs are class instances whose
 * omitted fields exist as `undefined`; assigned as they are, they would blank the entity returned
 * (the row itself keeps them, as TypeORM skips undefined columns).
 */
export function definedChanges<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}
