// ESLint for the web map's modules (npm run lint; CTest runs it as WebMapLint). Pinned in
// package.json. .mjs: the server serves .js files only, so this one is never sent.
import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    files: ['js/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, maplibregl: 'readonly' },
    },
    rules: {
      'no-unused-vars': ['error', { caughtErrors: 'none' }],
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 80 }],
      'prefer-const': 'error',
      'no-var': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
];
