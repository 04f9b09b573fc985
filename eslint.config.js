// Lint keeps the layout honest: src/core stays pure (no I/O, no clock, no process),
// and only the CLI entry and the env reader may touch process.env / process.exit.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = ['node:fs', 'node:fs/promises', 'node:child_process', 'node:net', 'node:http', 'node:https',
  'fs', 'fs/promises', 'child_process', 'got', 'simple-git', 'pg', 'mysql2', 'mysql2/promise'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error',
        { object: 'process', property: 'exit', message: 'Only src/cli/main.ts exits the process.' },
        { object: 'process', property: 'env', message: 'Read the environment through the injected env record.' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ioModules.map((name) => ({ name, message: 'src/core is pure: no I/O.' })) }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core is pure.' }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time is passed in to src/core.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time is passed in to src/core.' }],
    },
  },
  {
    files: ['src/cli/main.ts', 'src/emulator/main.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
