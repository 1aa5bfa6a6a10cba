module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'e2e',
  rootDir: __dirname,
  setupFilesAfterEnv: ['<rootDir>/support/single-shard-check.ts'],
  testMatch: ['<rootDir>/**/*.e2e-spec.ts', '<rootDir>/**/*.spec.ts'],
};
