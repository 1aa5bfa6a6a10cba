// Shared Jest settings: SWC transform (with decorator metadata for NestJS), path aliases from
// tsconfig.base.json, and one embedded PostgreSQL for the whole run.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, path.join(__dirname, target)]),
);

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  globalSetup: path.join(__dirname, 'libs/testing/src/jest/global-setup.ts'),
  globalTeardown: path.join(__dirname, 'libs/testing/src/jest/global-teardown.ts'),
  setupFiles: ['reflect-metadata'],
  testTimeout: 60_000,
};
