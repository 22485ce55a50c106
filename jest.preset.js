// Shared jest settings: TypeScript through swc (fast, no type check: `nx build` type-checks),
// and the tsconfig path aliases so tests import libs exactly as the apps do.
const path = require('node:path');
const root = __dirname;
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@harbor-ts/(oci|storage|config|token)$': path.join(root, 'libs/$1/src/index.ts'),
  },
  testMatch: ['**/?(*.)spec.ts'],
};
