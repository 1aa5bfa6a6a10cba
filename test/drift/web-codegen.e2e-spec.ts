import { spawnSync } from 'node:child_process';
import { ROOT } from '../support/server-process';

/** The web app's typed operations (apps/web/src/gql) are generated from the checked-in schema. */
describe('web app GraphQL types', () => {
  it('match the schema and the operations (run `npm run codegen` after changing either)', () => {
    const result = spawnSync(process.execPath, ['node_modules/@graphql-codegen/cli/cjs/bin.js', '--config', 'apps/web/codegen.ts', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    expect({ status: result.status, output: result.status === 0 ? '' : `${result.stdout}${result.stderr}` }).toEqual({ status: 0, output: '' });
  });
});
