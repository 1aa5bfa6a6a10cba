module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'pilots',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
