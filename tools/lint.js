#!/usr/bin/env node
// `npm run lint`: refresh Nx's project graph (the module-boundary rule reads it), then ESLint and
// the TypeScript compiler over the whole workspace (the browser app has its own settings).
const { execSync } = require('node:child_process');
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' };
const run = (command) => execSync(command, { stdio: 'inherit', env });
try {
  run('npx nx show projects > /dev/null');
  run('npx eslint . --max-warnings=0');
  run('npx tsc -p tsconfig.json');
  run('npx tsc -p apps/web/tsconfig.json');
} catch {
  process.exit(1);
}
