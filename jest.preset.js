// Shared jest settings: TypeScript through swc (fast, no type check: `nx build` type-checks),
// and the tsconfig path aliases so tests import libs exactly as the apps do.
const path = require('node:path');
const root = __dirname;
module.exports = {
  testEnvironment: 'node',
  // Decorators as TypeScript's legacy ones with design-type metadata: NestJS and TypeORM read it.
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@harbor-ts/(oci|storage|config|token|rbac|api-query|jobs|metrics|logging)$': path.join(root, 'libs/$1/src/index.ts'),
  },
  testMatch: ['**/?(*.)spec.ts'],
};
