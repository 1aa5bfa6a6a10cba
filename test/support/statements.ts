import { ClsServiceManager } from 'nestjs-cls';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * Counts the SQL statements run on behalf of requests while `work` runs. Background work (the
 * rollup worker, scheduled evaluations) runs outside any request context and is not counted.
 */
export async function countStatements(work: () => Promise<unknown>): Promise<number> {
  const original = PostgresQueryRunner.prototype.query;
  let count = 0;
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (
    this: PostgresQueryRunner,
    ...args: Parameters<typeof original>
  ) {
    if (ClsServiceManager.getClsService().isActive()) count++;
    return original.apply(this, args);
  });
  try {
    await work();
    return count;
  } finally {
    spy.mockRestore();
  }
}
