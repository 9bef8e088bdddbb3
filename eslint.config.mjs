// Lint rules that guard architecture the type checker cannot: what workflow code and the pure
// journey modules may import. Style is left to the compiler's strict settings.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Workflow code runs in Temporal's deterministic sandbox and is replayed: no I/O, no clocks of its own. */
const workflowImports = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code runs in a deterministic sandbox: no Node built-ins.' })),
  patterns: [
    { group: ['**/prisma/**', '@prisma/*', 'pg', '@electric-sql/*'], message: 'Workflows reach the database only through activities.' },
    { group: ['**/activities', '**/activities/**'], allowTypeImports: true, message: 'Import activities as types only (proxyActivities).' },
    { group: ['fastify', 'fastify-*', '@fastify/*', 'nodemailer', 'twilio', 'luxon', 'liquidjs'], message: 'Side effects and time-zone data belong in activities.' },
    { group: ['@temporalio/worker', '@temporalio/client', '@temporalio/activity', '@temporalio/testing'], message: 'Workflow code may use @temporalio/workflow and @temporalio/common only.' },
  ],
};

/** The journey language is shared with the browser canvas: pure TypeScript only. */
const pureJourneyImports = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'engine/journey is pure: the canvas imports it in the browser.' })),
  patterns: [
    { group: ['**/prisma/**', '@prisma/*', 'fastify', 'fastify-*', '@fastify/*', '@temporalio/*'], message: 'engine/journey is pure: no database, HTTP or Temporal.' },
    { group: ['../db', '../db/**', '../routes/**', '../plugins/**', '../temporal/**', '../../activities/**'], message: 'engine/journey is pure: no engine services.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'prisma/generated/**', '.tools/**', '.data/**', 'builder-ui/**', 'coverage/**'] },
  {
    files: ['workflows/**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', workflowImports],
      '@typescript-eslint/no-floating-promises': 'error',
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' }, { name: 'setInterval', message: 'Use sleep() in a loop.' }],
    },
  },
  {
    files: ['engine/journey/**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { '@typescript-eslint/no-restricted-imports': ['error', pureJourneyImports] },
  },
);
