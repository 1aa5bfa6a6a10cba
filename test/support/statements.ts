import { ClsServiceManager } from 'nestjs-cls';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { Statement } from './single-shard';

/**
 * The SQL statements run on behalf of requests while `work` runs. Background work (the rollup
 * worker, scheduled evaluations) runs outside any request context and is not recorded.
 */
export async function requestStatements(work: () => Promise<unknown>): Promise<Statement[]> {
  const original = PostgresQueryRunner.prototype.query;
  const statements: Statement[] = [];
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (
    this: PostgresQueryRunner,
    ...args: Parameters<typeof original>
  ) {
    if (ClsServiceManager.getClsService().isActive())
      statements.push({ sql: args[0], parameters: (args[1] ?? []) as unknown[] });
    return original.apply(this, args);
  });
  try {
    await work();
    return statements;
  } finally {
    spy.mockRestore();
  }
}

/** How many statements requests ran while `work` ran (see `requestStatements`). */
export async function countStatements(work: () => Promise<unknown>): Promise<number> {
  return (await requestStatements(work)).length;
}
