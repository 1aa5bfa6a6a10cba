import { spawnSync } from 'node:child_process';
import { ROOT } from '../support/server-process';

/** Lints each source as if it were at its file; the messages of `no-restricted-imports`. */
const LINT = `
  const { ESLint } = require('eslint');
  const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  const eslint = new ESLint({ overrideConfig: { rules: { '@nx/enforce-module-boundaries': 'off' } } });
  Promise.all(cases.map(({ file, source }) => eslint.lintText(source, { filePath: file }))).then((results) =>
    process.stdout.write(JSON.stringify(results.map(([result]) =>
      result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)))));
`;

function importErrors(...files: string[]): string[][] {
  const source = `import { createTestDatabase } from '@greenlight/testing';\nexport const probe = createTestDatabase;\n`;
  const result = spawnSync(process.execPath, ['-e', LINT], {
    cwd: ROOT,
    input: JSON.stringify(files.map((file) => ({ file: `${ROOT}/${file}`, source }))),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as string[][];
}

describe('the testing library (no-restricted-imports)', () => {
  it('is out of reach of the libraries’ and the app’s production code', () => {
    const errors = importErrors(
      'libs/crm/src/probe.ts',
      'libs/identity/src/sessions/probe.ts',
      'apps/api/src/probe.ts',
    );
    expect(errors).toEqual([
      [expect.stringContaining('specs and test/ only')],
      [expect.stringContaining('specs and test/ only')],
      [expect.stringContaining('specs and test/ only')],
    ]);
  });

  it('serves specs, the libraries’ testing folders and the end-to-end tests', () => {
    expect(
      importErrors(
        'libs/crm/src/probe.spec.ts',
        'libs/identity/testing/probe.ts',
        'test/crm/probe.e2e-spec.ts',
      ),
    ).toEqual([[], [], []]);
  });
});
