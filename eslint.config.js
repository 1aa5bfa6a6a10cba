const nx = require('@nx/eslint-plugin');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const reactHooks = require('eslint-plugin-react-hooks');
const jsxA11y = require('eslint-plugin-jsx-a11y');
const globals = require('globals');

/** Raw SQL on TypeORM's connection objects, which would bypass the tenant-bound `sql` helper. */
const RAW_SQL_RECEIVER = '/^(dataSource|manager|entityManager|queryRunner|runner)$|(DataSource|Manager|QueryRunner)$/';
const RAW_SQL_MESSAGE =
  'Raw SQL bypasses the workspace check: write it with sql`…` and run it with TenantSql (docs/architecture.md, SQL layer).';

module.exports = tseslint.config(
  { ignores: ['**/node_modules', '**/dist', '**/.nx', '**/.greenlight', 'tmp', 'coverage', 'apps/web/dist', 'apps/web/src/gql'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:util', 'type:testing'] },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:data', 'type:util', 'type:testing'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:data', 'type:util'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:util', 'type:testing'] },
          ],
        },
      ],
    },
  },
  {
    // The testing library (throw-away databases, fixtures) serves specs and test/ only: production
    // code of the libraries and the app cannot reach it.
    files: ['libs/*/src/**/*.ts', 'apps/**/*.ts', 'apps/**/*.tsx'],
    ignores: ['libs/testing/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@greenlight/testing', message: 'the testing library is for specs and test/ only' }] },
      ],
    },
  },
  {
    // Hand-written SQL goes through TenantSql (libs/identity/src/sql), which binds and checks the
    // workspace; libs/db (migrations runner, pool, locks) and that helper talk to the driver itself.
    files: ['libs/**/*.ts', 'apps/api/**/*.ts'],
    ignores: [
      'libs/db/**',
      'libs/identity/src/sql/tenant-sql.ts',
      'libs/testing/**',
      '**/*.spec.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `CallExpression[callee.property.name='query'][callee.object.name=${RAW_SQL_RECEIVER}]`, message: RAW_SQL_MESSAGE },
        { selector: `CallExpression[callee.property.name='query'][callee.object.property.name=${RAW_SQL_RECEIVER}]`, message: RAW_SQL_MESSAGE },
      ],
    },
  },
  {
    // End-to-end suites drive the API app itself, which no library may import, and read
    // GraphQL answers as untyped JSON.
    files: ['test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The browser app: React hooks rules, accessibility rules, browser globals.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    ...jsxA11y.flatConfigs.recommended,
    plugins: { ...reactHooks.configs.flat.recommended.plugins, ...jsxA11y.flatConfigs.recommended.plugins },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Dialogs and inline forms the user just opened put the cursor in their first field.
      'jsx-a11y/no-autofocus': 'off',
    },
    languageOptions: { ...jsxA11y.flatConfigs.recommended.languageOptions, globals: globals.browser },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
