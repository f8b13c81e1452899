import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

/**
 * Libraries reach each other only through their public index (or its domain part,
 * `@madoguchi/<name>/domain`); apps are never imported by libs.
 */
const LIBRARY_BOUNDARIES = [
  {
    regex: '^@madoguchi/[a-z-]+/(?!domain$)',
    message: 'Import a library through its index (@madoguchi/<name>) or its domain (@madoguchi/<name>/domain).',
  },
  { group: ['**/apps/**'], message: 'A library never imports an app.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': [
        'error',
        { groups: [['^\\u0000'], ['^node:'], ['^@?\\w'], ['^@madoguchi/'], ['^\\.']] },
      ],
      'simple-import-sort/exports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Libraries reach each other only through their public index; apps are never imported by libs.
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: LIBRARY_BOUNDARIES }],
    },
  },
  {
    // Application code reaches the database through repositories (infrastructure/) and the unit of work.
    files: ['libs/**/application/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...LIBRARY_BOUNDARIES,
            {
              group: ['typeorm', '@nestjs/typeorm'],
              message: 'Application code has no SQL: put the query in a repository under infrastructure/.',
            },
          ],
          paths: [
            {
              name: '@madoguchi/database',
              importNames: ['managerOf', 'runnerOf'],
              message: 'Only repositories open a Transaction; application code passes it on.',
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is plain TypeScript: no Nest, no TypeORM, no infrastructure.
    files: ['libs/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...LIBRARY_BOUNDARIES,
            {
              group: ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'nodemailer', 'pg', '@electric-sql/*'],
              message: 'Domain code has no framework or driver imports.',
            },
            {
              group: ['**/infrastructure/**', '**/application/**'],
              message: 'Domain code never imports outer layers.',
            },
            {
              // A library's index loads its Nest module and entities; its domain entry loads rules only.
              regex: '^@madoguchi/(?!common$)[a-z-]+$',
              message: "Domain code imports another library's domain (@madoguchi/<name>/domain), not its index.",
            },
          ],
        },
      ],
    },
  },
);
