import { spawnSync } from 'node:child_process';
import { ROOT } from '../support/server-process';

/** Lints each source as if it were at its file, in one ESLint process (module boundaries aside). */
const LINT = `
  const { ESLint } = require('eslint');
  const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  const eslint = new ESLint({ overrideConfig: { rules: { '@nx/enforce-module-boundaries': 'off' } } });
  Promise.all(cases.map(({ file, source }) => eslint.lintText(source, { filePath: file }))).then((results) =>
    process.stdout.write(JSON.stringify(results.map(([result]) =>
      result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message)))));
`;

/** The raw-SQL errors ESLint reports for each `[file, source]`. */
function rawSqlErrors(...cases: [file: string, source: string][]): string[][] {
  const result = spawnSync(process.execPath, ['-e', LINT], {
    cwd: ROOT,
    input: JSON.stringify(cases.map(([file, source]) => ({ file: `${ROOT}/${file}`, source }))),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as string[][];
}

const RAW = `
import { DataSource, EntityManager } from 'typeorm';
export class Probe {
  constructor(private readonly dataSource: DataSource) {}
  a() { return this.dataSource.query('SELECT 1 FROM account'); }
  b(manager: EntityManager) { return manager.query('SELECT 1 FROM account'); }
  c(dataSource: DataSource) { return dataSource.createQueryRunner().manager.query('SELECT 1'); }
  async d() { const queryRunner = this.dataSource.createQueryRunner(); return queryRunner.query('SELECT 1'); }
  e(transactionManager: EntityManager) { return transactionManager.query('SELECT 1'); }
}
`;

describe('raw SQL outside the sql helper (no-restricted-syntax)', () => {
  it('rejects dataSource.query, manager.query and queryRunner.query in feature libraries and the app', () => {
    for (const errors of rawSqlErrors(['libs/crm/src/probe.ts', RAW], ['apps/api/src/probe.ts', RAW])) {
      expect(errors).toHaveLength(5);
      expect(errors[0]).toContain('sql`');
    }
  });

  it('accepts statements run through TenantSql, and repository query builders', () => {
    const source = `
import { sql, TenantSql, WorkspaceScope } from '@greenlight/identity';
export async function probe(db: TenantSql, scope: WorkspaceScope) {
  await db.query(sql\`SELECT id FROM account WHERE workspace_id = \${sql.workspace}\`);
  return scope.repository(Object as never, 'Probe').query('p').getMany();
}
`;
    expect(rawSqlErrors(['libs/crm/src/probe.ts', source])).toEqual([[]]);
  });

  it('leaves libs/db, the helper itself and tests free to talk to the driver', () => {
    expect(
      rawSqlErrors(
        ['libs/db/src/probe.ts', RAW],
        ['libs/identity/src/sql/tenant-sql.ts', RAW],
        ['libs/crm/src/probe.spec.ts', RAW],
        ['test/crm/probe.e2e-spec.ts', RAW],
      ),
    ).toEqual([[], [], [], []]);
  });
});
