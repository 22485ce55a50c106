// `npm test` runs every project's tests in one jest invocation.
module.exports = {
  projects: ['<rootDir>/libs/*/jest.config.js', '<rootDir>/apps/*/jest.config.js', '<rootDir>/tools/*/jest.config.js'],
  reporters: ['default', '<rootDir>/tools/scripts/jest-summary-reporter.js'],
};
