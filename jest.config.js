/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    // The builder's components (.tsx) are tested in jsdom with React's automatic JSX runtime.
    '^.+\\.tsx$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } },
    ],
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
    ],
  },
  // typebox, faker and rjsf's schema merger ship ESM only; jest's module system needs it transformed to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(typebox|@faker-js|@x0k)/)'],
  // Prisma's generated client imports its own .ts files with .js extensions (ESM style).
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // Temporal's native bridge keeps handles that jest reports as open; suites close their workers and envs.
  forceExit: true,
  testTimeout: 120_000,
  maxWorkers: 2,
};
