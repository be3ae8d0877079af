// Flat config: the recommended JavaScript and TypeScript rules, nothing exotic.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', '.tap/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // No import cycles in the application: a concept that calls another never hears back from
    // it (ARCHITECTURE: routes → services → repositories; docs/domain.md on the recruitment
    // process). Type-only imports count too: a cycle of types is still a knot to untie.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Migrations are frozen in time: they take Kysely<any>, never the app's table types.
    files: ['migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The build scripts are plain JavaScript (they run before anything is compiled);
    // `tsc --noEmit` checks them (checkJs), undefined names included.
    files: ['scripts/**/*.js'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['scripts/**', 'db/cli.ts', 'bench/**', 'test/helpers/prepare-template.ts'],
    rules: { 'no-console': 'off' },
  },
);
