// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Node's globals for the few plain-JavaScript files (config files, the auditor's verifier, a child-process script).
const node = { process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' };

export default defineConfig(
  {
    // test/rules/fixtures holds deliberately bad code for the rules' own test.
    ignores: ['dist/**', 'coverage/**', 'data/**', 'bench/results/**', 'tools/examples/**/*.json', 'test/rules/fixtures/**'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Store adapters implement Promise-returning ports synchronously; `async` still turns a throw into a rejection.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks a parameter a signature needs but the body does not, or a property left out of a rest.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Refusals print the refused value; after a type guard such as isTreeSize that value's static type is `never`.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNever: true }],
    },
  },
  {
    // STYLE.md: state, versions and persistence live in our kernel and event store; what follows an event is a checkpointed processor.
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/cqrs',
              importNames: ['AggregateRoot', 'EventPublisher', 'EventBus', 'EventsHandler', 'Saga'],
              message: 'Use the command and query buses only: no @nestjs/cqrs aggregates, no in-memory event bus.',
            },
          ],
        },
      ],
    },
  },
  {
    // STYLE.md: no console.log; the apps log through Nest's Logger, the CLI through its CliIo.
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // In the decider layer `{}` is the empty set of extra fields: `Fact<'InstrumentAdopted', {}>`, `Act<Type, Fields = {}>`.
    files: ['libs/**/*.events.ts', 'libs/**/*.commands.ts'],
    rules: { '@typescript-eslint/no-empty-object-type': ['error', { allowObjectTypes: 'always' }] },
  },
  {
    // Tests read GraphQL answers, JSON files and CLI output that are untyped (`any`), and assert with expect.any().
    files: ['test/**/*.ts', '**/*.spec.ts', '**/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: node },
  },
);
