// @ts-check
// `npm run lint`, the first step of `npm test`. Syntax-only rules: the type-aware rule sets would
// add a full type check (about as long as `npm run typecheck`) to every run.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// -- import boundaries ---------------------------------------------------------------------------
// Patterns match the import text as written. Relative paths are matched by the folder they name
// after the `../` steps; src/core has no folders called db, modules, server, cli, seed or web, so
// such a path from inside src/core can only mean the app's own folder of that name.

/** Node built-ins that do I/O. */
const IO_BUILTINS = {
  regex: '^(node:)?(fs|child_process|net|http|https|http2|dgram|dns|tls|cluster|worker_threads)(/.*)?$',
  message: 'src/core does no I/O: read or write in src/modules, src/db or src/cli and pass plain values in.',
};
/** Packages that talk to a database, serve HTTP, write documents or log. */
const IO_PACKAGES = {
  regex: '^(pg|pg-copy-streams|@electric-sql/pglite|fastify|@fastify/.*|exceljs|docx|pino)(/.*)?$',
  message: 'src/core imports no database, HTTP server, document writer or logger.',
};
const APP_FOLDERS = {
  regex: '^(\\.\\./)+((db|modules|server|cli|seed|web)/|config\\.ts$)',
  message: 'src/core imports nothing of the app (src/db, src/modules, src/server, src/cli, src/seed, src/config.ts, web).',
};
/** The same list without `web`: the punctuation test reads the web app's texts. */
const APP_FOLDERS_FROM_TESTS = {
  regex: '^(\\.\\./)+((db|modules|server|cli|seed)/|config\\.ts$)',
  message: APP_FOLDERS.message,
};

/**
 * Files of src/core the web app may import: pure, and imported by it today. Add a file here when
 * the web app needs it and it (with what it imports) does no I/O.
 */
const CORE_FILES_FOR_WEB = ['benefits/ids', 'coordination/bulletin', 'coordination/chartColours', 'coordination/states', 'ids/bankAccount'];
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

/** @param {...object} patterns */
const restrictImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

// -- size ratchet --------------------------------------------------------------------------------
// Files over the limits today. They are to be split; take a file off its list when it is (the
// lint's last step, scripts/size-ratchet.js, fails until it is taken off), and never add one.
export const FILES_OVER_400_LINES = ['src/seed/activityPlans.ts'];
export const FILES_WITH_FUNCTIONS_OVER_80_LINES = [
  'bench/benefits.ts',
  'bench/coordination.ts',
  'bench/registry.ts',
  'src/core/benefits/catalog.test.ts',
  'src/core/benefits/engine.test.ts',
  'src/modules/benefits/documents.test.ts',
  'src/seed/ecdCentre.ts',
  'src/seed/population.ts',
  'test/db/audit-anchor.test.ts',
  'test/db/auth.test.ts',
  'test/db/authz-matrix.test.ts',
  'test/db/benefit-workflow.test.ts',
  'test/db/benefits.test.ts',
  'test/db/business-date.test.ts',
  'test/db/cli.test.ts',
  'test/db/coordination.test.ts',
  'test/db/ecd-centre.test.ts',
  'test/db/home.test.ts',
  'test/db/import-rosters.test.ts',
  'test/db/import-uploads.test.ts',
  'test/db/import.test.ts',
  'test/db/input-bytes.test.ts',
  'test/db/input-fuzz.test.ts',
  'test/db/key-rotation.test.ts',
  'test/db/processes.test.ts',
  'test/e2e/benefit-workflow.test.ts',
  'test/e2e/ecd-centre.test.ts',
  'test/e2e/home.test.ts',
  'test/e2e/registry.test.ts',
  'test/e2e/roles.test.ts',
  'web/src/pages/audit/AuditFilters.tsx',
  'web/src/pages/benefits/EnrolmentExitModal.tsx',
  'web/src/pages/benefits/EnrolmentsPage.tsx',
  'web/src/pages/benefits/ParameterModal.tsx',
  'web/src/pages/benefits/WhatIfPage.tsx',
  'web/src/pages/benefits/applications/ApplicationDetailPage.tsx',
  'web/src/pages/benefits/applications/ApplicationsPage.tsx',
  'web/src/pages/benefits/applications/DecisionModal.tsx',
  'web/src/pages/benefits/applications/NewApplicationModal.tsx',
  'web/src/pages/benefits/applications/applicationColumns.tsx',
  'web/src/pages/benefits/rolls/GenerateRollModal.tsx',
  'web/src/pages/coordination/ActionItemsPage.tsx',
  'web/src/pages/coordination/IndicatorModal.tsx',
  'web/src/pages/coordination/ResponsibilityModal.tsx',
  'web/src/pages/coordination/RuleModal.tsx',
  'web/src/pages/coordination/SendNoticeModal.tsx',
  'web/src/pages/coordination/bulletins/BulletinDocument.tsx',
  'web/src/pages/coordination/meetings/MinutesForm.tsx',
  'web/src/pages/coordination/meetings/ScheduleMeetingModal.tsx',
  'web/src/pages/coordination/reports/ReportAttachments.tsx',
  'web/src/pages/coordination/reports/ReportForm.tsx',
  'web/src/pages/coordination/reports/ReportsPage.tsx',
  'web/src/pages/ecd/MilestonesPanel.tsx',
  'web/src/pages/ecd/centre/CalendarPage.tsx',
  'web/src/pages/ecd/centre/CentrePage.tsx',
  'web/src/pages/ecd/centre/ClassesPage.tsx',
  'web/src/pages/ecd/centre/PlanModal.tsx',
  'web/src/pages/ecd/centre/PlansPage.tsx',
  'web/src/pages/ecd/centre/SessionModal.tsx',
  'web/src/pages/login/LoginPage.tsx',
  'web/src/pages/org/TownshipPage.tsx',
  'web/src/pages/registry/ImportMapping.tsx',
  'web/src/pages/registry/NewHouseholdPage.tsx',
];

export default defineConfig(
  globalIgnores(['web/dist/', 'data/', 'test-results/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter or a left-out property that is there on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Printed documents indent and separate with the ideographic space (U+3000) in their templates
      // and comments.
      'no-irregular-whitespace': ['error', { skipTemplates: true, skipComments: true }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The input checks find control characters, so their patterns name them.
    files: ['src/core/input.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  { files: FILES_OVER_400_LINES, rules: { 'max-lines': 'off' } },
  { files: FILES_WITH_FUNCTIONS_OVER_80_LINES, rules: { 'max-lines-per-function': 'off' } },

  // The web app: React's two rules of hooks. The plugin's compiler-based rules are left out: they
  // make up most of a run's time.
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },

  // -- import boundaries -------------------------------------------------------------------------
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: restrictImports(IO_BUILTINS, IO_PACKAGES, APP_FOLDERS),
  },
  {
    // Exception: the WHO growth tables are CSV files read once, here; parseGrowthTables() is the
    // pure part. To go when the reading moves out of src/core.
    files: ['src/core/growth/tables.ts'],
    rules: restrictImports(IO_PACKAGES, APP_FOLDERS),
  },
  {
    // Tests of src/core may read files (fixtures, the source tree) but import nothing of the app.
    files: ['src/core/**/*.test.ts'],
    ignores: ['src/core/growth/zscore.test.ts'],
    rules: restrictImports(IO_PACKAGES, APP_FOLDERS_FROM_TESTS),
  },
  {
    // Exception: this file also tests the `xingfu zscore` command (src/cli/zscore.ts); that part
    // belongs in src/cli.
    files: ['src/core/growth/zscore.test.ts'],
    rules: restrictImports(IO_PACKAGES),
  },
  {
    // The API contract: each module's schemas.ts describes its requests and replies with zod and
    // the pure building blocks of src/core, and nothing else, so the web app can take its wire
    // types from it.
    files: ['src/modules/*/schemas.ts'],
    rules: restrictImports(IO_BUILTINS, IO_PACKAGES, {
      regex: '^(\\.\\./\\.\\./(db|server|cli|seed|config\\.ts|\\.\\./web)|\\./(?!schemas\\.ts$)|\\.\\./[^./][^/]*/(?!schemas\\.ts$))',
      message: 'A schemas.ts imports only zod, src/core and other modules’ schemas.ts: it is the contract the web app reads.',
    }),
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+src/(?!core/(${CORE_FILES_FOR_WEB.join('|')})\\.ts$|modules/[^/]+/schemas\\.ts$)`,
              message:
                'The web app imports nothing from src/ but the API contract (src/modules/*/schemas.ts, types only) and the src/core files listed in CORE_FILES_FOR_WEB (eslint.config.js).',
            },
            {
              regex: '^(\\.\\./)+src/modules/[^/]+/schemas\\.ts$',
              allowTypeImports: true,
              message: 'The web app takes only types from the API contract (`import type`): the schemas themselves stay on the server.',
            },
            {
              regex: `^(node:.*|(${NODE_BUILTINS.join('|')})(/.*)?)$`,
              message: 'The web app runs in the browser: no Node built-ins.',
            },
          ],
        },
      ],
    },
  },
);
