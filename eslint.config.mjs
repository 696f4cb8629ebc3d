import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', 'dist/', 'coverage/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The engine is reached through its entry (engine/index.ts) or, at run time, through the
    // SDK — never its internals, so it can be lifted out as a package. That includes the
    // engine's clock row: the time of the application is the business clock
    // (clock/business-clock.ts), which a real Camunda cluster does not have either.
    // test/engine/'s helpers (harness, builders) are test code, not the engine.
    files: ['**/*.ts'],
    ignores: ['engine/**', 'test/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '(^|/)engine/(?!(engine-harness|engine-credentials|bpmn-builder|dmn-builder)$)',
              message:
                "Import the engine from its entry ('engine'), not its internals; read the business clock (clock/business-clock.ts), not the engine's.",
            },
          ],
        },
      ],
    },
  },
  {
    // Domain rules are pure: no database, no HTTP.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['pg', 'knex', 'express'], patterns: ['../db/*', '../api/*', '../engine/*'] },
      ],
    },
  },
  // The engine is a package of its own in waiting: nothing under engine/ imports from outside
  // it (a relative import climbing above engine/). One entry per folder depth.
  ...[1, 2, 3].map((depth) => ({
    files: [`engine/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./){${depth},}`,
              message: 'engine/ imports nothing outside engine/ (see engine/README.md).',
            },
          ],
        },
      ],
    },
  })),
);
