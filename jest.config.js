// `npm test`: every project's suites in one Jest run, sharing one embedded PostgreSQL.
module.exports = {
  projects: ['<rootDir>/apps/*/jest.config.js', '<rootDir>/libs/*/jest.config.js', '<rootDir>/test/jest.config.js'],
  maxWorkers: 2,
  testTimeout: 60_000,
};
