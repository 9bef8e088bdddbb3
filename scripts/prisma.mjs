#!/usr/bin/env node
// Runs the Prisma CLI offline. Prisma 6.19 still checks that native engine files exist
// before it runs, although with `engine: "js"` (prisma.config.ts) and `engineType = "client"`
// it never loads them: point both variables at a file that exists. The schema's
// `env("DATABASE_URL")` must resolve even in embedded (PGlite) mode, where the adapter
// in prisma.config.ts decides the real target.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const placeholder = fileURLToPath(import.meta.url);
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? placeholder,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
  DATABASE_URL: process.env.DATABASE_URL || 'postgresql://embedded@localhost/pglite',
};
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
