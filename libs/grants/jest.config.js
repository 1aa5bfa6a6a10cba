module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'grants',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
