import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// Imports flow one way: core → infrastructure (ledger → sync; scan) → features → routes.
// Each block below says what one layer may not import; the README's "How it is built" draws it.
const FEATURES = ['site', 'gate', 'sampling', 'supervise', 'handover', 'roster', 'devices', 'ui'];
const featureImports = FEATURES.map((f) => `$lib/${f}/*`);
const noRoutes = { group: ['**/routes/**', '$app/*/routes/**'], message: 'nothing imports a route: routes compose features.' };
const dom = ['window', 'document', 'navigator', 'indexedDB', 'localStorage', 'fetch'];

// Only the ledger holds a site's database, so the index stays something it derives: the
// rest of the app asks the Ledger (its verbs, `ledger.reads`, `ledger.tablet`). Tests
// elsewhere may still open a database of their own to set up tablets; they read through
// the ledger.
const siteDb = {
  group: ['$lib/ledger/site-db', '$lib/ledger/site-db.*', '**/ledger/site-db', '**/ledger/site-db.*'],
  message: 'only src/lib/ledger holds the site database: ask the Ledger (ledger.reads, ledger.tablet, its verbs); EntryRow comes from $lib/ledger/reads.'
};
const siteDbInLedger = {
  files: ['src/**/*'],
  ignores: ['src/lib/ledger/**', '**/*.test.ts', '**/*-fixtures.ts'],
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [siteDb] }] }
};

// The domain core must stay pure: no framework, storage, CRDT or DOM, and nothing of ours.
const coreBoundary = {
  files: ['src/lib/core/**/*.ts'],
  languageOptions: { globals: { ...globals.es2022 } },
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['svelte', 'svelte/*', '$app/*', '@sveltejs/*'], message: 'core is pure: no Svelte.' },
          { group: ['dexie', 'dexie/*'], message: 'core is pure: storage lives in src/lib/ledger.' },
          { group: ['yjs', 'y-*', 'lib0', 'lib0/*'], message: 'core is pure: Yjs lives in src/lib/ledger and src/lib/sync.' },
          { group: ['$lib/*', '!$lib/core', '$lib/*/**', '!$lib/core/**', '../*'], message: 'core imports nothing of ours: everything else depends on it.' }
        ]
      }
    ],
    'no-restricted-globals': ['error', ...dom, 'crypto'],
    // Time and randomness are injected into core, so tests can fix them.
    'no-restricted-properties': [
      'error',
      { object: 'Date', property: 'now', message: 'inject a clock' },
      { object: 'Math', property: 'random', message: 'inject randomness' }
    ],
    'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'inject a clock' }]
  }
};

/** Infrastructure: each subsystem may import core and the subsystems below it, never a feature. */
function subsystem(folder, below, message, extra = ['$lib/i18n', '$lib/i18n/*']) {
  const forbidden = ['ledger', 'sync', 'scan'].filter((s) => s !== folder && !below.includes(s)).map((s) => `$lib/${s}/*`).concat(extra);
  return {
    files: [`src/lib/${folder}/**/*`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...forbidden, ...featureImports], message }, noRoutes] }]
    }
  };
}
const ledgerBoundary = subsystem('ledger', [], 'the ledger sits on core alone: sync, scanning and features are built on it.');
const syncBoundary = subsystem('sync', ['ledger'], 'sync sits on core and the ledger: features are built on it.');
const scanBoundary = subsystem('scan', [], 'scanning sits on core alone: stations are built on it.', ['dexie', 'dexie/*', 'yjs', 'y-*'])  // its camera view speaks to the user: the catalogue is allowed;

// A feature's pure rules (plain .ts) import only core and other features' pure modules: no
// Svelte, Dexie, Yjs, infrastructure or DOM (types may be named, they vanish at build).
const featureRules = {
  files: FEATURES.filter((f) => f !== 'ui').map((f) => `src/lib/${f}/**/*.ts`),
  ignores: ['**/*.svelte.ts', '**/*.test.ts', '**/*-fixtures.ts'],
  rules: {
    'no-restricted-imports': 'off',
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['svelte', 'svelte/*', 'dexie', 'yjs', 'y-*', '$lib/ledger/*', '!$lib/ledger/site-db', '$lib/sync/*', '$lib/scan/*', '**/*.svelte', '*.svelte'],
            allowTypeImports: true,
            message: 'a feature\'s pure rules import only core and other features\' pure modules; state goes in *.svelte.ts.'
          },
          siteDb,
          noRoutes
        ]
      }
    ],
    'no-restricted-globals': ['error', ...dom]
  }
};

const everywhere = {
  files: ['src/lib/**/*'],
  ignores: ['src/lib/core/**', 'src/lib/ledger/**', 'src/lib/sync/**', 'src/lib/scan/**'],
  rules: { 'no-restricted-imports': ['error', { patterns: [noRoutes] }] }
};

const screens = {
  files: ['src/routes/**/*', 'src/lib/**/*.svelte'],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: ['dexie', 'dexie/*', 'yjs', 'y-*'], message: 'components read state classes, never Dexie or Yjs.' }, noRoutes] }
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
  everywhere,
  screens,
  ledgerBoundary,
  syncBoundary,
  scanBoundary,
  siteDbInLedger, // before featureRules, which names the same rule (and siteDb) for its files
  featureRules,
  { ignores: ['build/', '.svelte-kit/', 'node_modules/', 'src/lib/i18n/paraglide/', 'test-results/', 'playwright-report/', 'tests/.generated/', 'project.inlang/'] }
);
