import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from '../support/server-process';

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** Lints `source` as if it were the file at `file`, with the workspace's ESLint configuration. */
function lint(file: string, source: string): LintMessage[] {
  const result = spawnSync(
    path.join(ROOT, 'node_modules/.bin/eslint'),
    ['--stdin', '--stdin-filename', file, '--format', 'json'],
    { cwd: ROOT, input: source, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } },
  );
  return (JSON.parse(result.stdout) as { messages: LintMessage[] }[])[0].messages;
}

const boundaryErrors = (messages: LintMessage[]) =>
  messages.filter((message) => message.ruleId === '@nx/enforce-module-boundaries').map((message) => message.message);

describe('module boundaries (apps → features → data/util)', () => {
  beforeAll(() => {
    // The rule reads Nx's project graph: make sure it is computed.
    execFileSync(path.join(ROOT, 'node_modules/.bin/nx'), ['show', 'projects'], {
      cwd: ROOT,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
  });

  it('rejects a util library importing a data library', () => {
    const errors = boundaryErrors(lint('libs/common/src/probe.ts', "import { createDataSource } from '@greenlight/db';\nexport const probe = createDataSource;\n"));
    expect(errors).toEqual([expect.stringContaining('type:util')]);
  });

  it('rejects a library importing the app', () => {
    const errors = boundaryErrors(
      lint('libs/db/src/probe.ts', "import { createApp } from '../../../apps/api/src/bootstrap';\nexport const probe = createApp;\n"),
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('accepts the app importing data and util libraries', () => {
    const errors = boundaryErrors(
      lint(
        'apps/api/src/probe.ts',
        "import { createDataSource } from '@greenlight/db';\nimport { encodeCursor } from '@greenlight/common';\nexport const probe = [createDataSource, encodeCursor];\n",
      ),
    );
    expect(errors).toEqual([]);
  });
});
