import * as fs from 'node:fs';
import * as path from 'node:path';

/** Writes a migration class for the given statements and registers it in the migrations index. */
export function writeMigration(
  migrationsDir: string,
  name: string,
  up: string[],
  down: string[],
  timestamp = Date.now(),
): string {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new Error(`Migration name must be PascalCase letters and digits (got "${name}")`);
  }
  const className = `${name}${timestamp}`;
  const fileName = `${timestamp}-${name}`;
  const quote = (sql: string) => `    await queryRunner.query(${JSON.stringify(sql)});`;
  const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.map(quote).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${[...down].reverse().map(quote).join('\n')}
  }
}
`;
  const file = path.join(migrationsDir, `${fileName}.ts`);
  fs.writeFileSync(file, body);

  const indexFile = path.join(migrationsDir, 'index.ts');
  const index = fs.readFileSync(indexFile, 'utf8');
  const withImport = index.replace(
    /(\n\/\*\* Every migration, oldest first\. \*\/)/,
    `import { ${className} } from './${fileName}';\n$1`,
  );
  fs.writeFileSync(indexFile, withImport.replace(/(\n\];\s*)$/, `\n  ${className},$1`));
  return file;
}
