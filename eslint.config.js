// Lint rules, including the boundaries that keep the data flow one-way (see ../shared/STYLE.md, habit 2).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noHarnessFromSrc = {
  patterns: [{ group: ['**/harness/**', '**/harness'], message: 'src/ never imports harness/ (the collector stands alone).' }],
};

// analysis and report are pure: they read and write files they are handed, nothing else.
const pureModules = {
  paths: ['node:net', 'node:http', 'node:https', 'node:child_process', 'node:dgram', 'node:timers', 'node:cluster', 'ws', 'net', 'http', 'child_process']
    .map((name) => ({ name, message: 'harness/analysis and harness/report do no network, process or timer work.' })),
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'reports/**', 'dist/**', 'coverage/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly', performance: 'readonly', queueMicrotask: 'readonly', globalThis: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  { files: ['src/**/*.ts'], rules: { 'no-restricted-imports': ['error', noHarnessFromSrc] } },
  {
    files: ['harness/analysis/**/*.ts', 'harness/report/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', pureModules],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'setImmediate', 'fetch'],
    },
  },
);
