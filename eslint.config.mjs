// One lint config for the monorepo. Besides the recommended rules it keeps the layering
// honest: libs never import apps, and only libs/config reads the environment.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Configuration comes from libs/config; nothing else reads the environment.' }],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**'], message: 'libs never import apps.' }] }] },
  },
  { files: ['libs/config/src/**/*.ts', '**/test/**/*.ts', '**/*.spec.ts', 'tools/**/*.ts'], rules: { 'no-restricted-properties': 'off' } },
);
