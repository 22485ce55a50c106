// `npm test` runs every project's tests in one jest invocation.
module.exports = {
  projects: ['<rootDir>/libs/*/jest.config.js', '<rootDir>/apps/*/jest.config.js', '<rootDir>/tools/*/jest.config.js', '<rootDir>/deploy/jest.config.js'],
  reporters: ['default', '<rootDir>/tools/scripts/jest-summary-reporter.js'],
  // A global option: the projects' own testTimeout is ignored in a multi-project run, and the
  // e2e tests driving podman, skopeo and whole stacks take longer than jest's 5 s on a busy machine.
  testTimeout: 120000,
};
