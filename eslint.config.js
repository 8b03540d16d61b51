import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// The domain core must stay pure: no framework, storage, CRDT or DOM. Everything above it
// may import it, never the other way round.
const coreBoundary = {
  files: ['src/lib/core/**/*.ts'],
  languageOptions: { globals: { ...globals.es2022 } },
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['svelte', 'svelte/*', '$app/*', '@sveltejs/*'], message: 'core is pure: no Svelte.' },
          { group: ['dexie', 'dexie/*'], message: 'core is pure: storage lives in src/lib/storage.' },
          { group: ['yjs', 'y-*', 'lib0', 'lib0/*'], message: 'core is pure: Yjs lives in src/lib/sync.' },
          { group: ['@zxing/*'], message: 'core is pure: scanning lives in src/lib/scan.' },
          { group: ['$lib/storage/*', '$lib/sync/*', '$lib/scan/*', '$lib/state/*', '$lib/components/*', '../storage/*', '../sync/*', '../scan/*', '../state/*'], message: 'imports flow one way: core depends on nothing above it.' }
        ]
      }
    ],
    'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'indexedDB', 'localStorage', 'fetch', 'crypto'],
    // Time and randomness are injected into core, so tests can fix them.
    'no-restricted-properties': [
      'error',
      { object: 'Date', property: 'now', message: 'inject a clock' },
      { object: 'Math', property: 'random', message: 'inject randomness' }
    ],
    'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'inject a clock' }]
  }
};

const lowerLayers = {
  files: ['src/lib/storage/**/*.ts', 'src/lib/sync/**/*.ts', 'src/lib/scan/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: ['$lib/state/*', '$lib/components/*', '../state/*', '../components/*'], message: 'imports flow one way.' }] }
    ]
  }
};

const screens = {
  files: ['src/routes/**/*', 'src/lib/components/**/*'],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: ['dexie', 'yjs', 'y-*'], message: 'screens read state classes, never Dexie or Yjs.' }] }
    ]
  }
};

export default ts.config(
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
    }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The whole point of the ledger is that nothing is swallowed.
      'no-empty': ['error', { allowEmptyCatch: false }],
      'svelte/no-at-html-tags': 'error'
    }
  },
  coreBoundary,
  lowerLayers,
  screens,
  { ignores: ['build/', '.svelte-kit/', 'node_modules/', 'src/lib/i18n/paraglide/', 'test-results/', 'playwright-report/', 'tests/.generated/', 'project.inlang/'] }
);
