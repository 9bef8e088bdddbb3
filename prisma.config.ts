// Configuration of the Prisma CLI (run it through `npm run prisma -- <command>`).
// The CLI uses the JS schema engine over a driver adapter: Prisma 6.19 needs no native
// engine that way, which matters offline. Target: DATABASE_URL when it names a Postgres
// server, else the embedded PGlite folder (stop the app first: PGlite is single-process).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { defineConfig } from 'prisma/config';
import { poolReportingNameAsText } from './engine/db/pg-name-oid-workaround';

/** scripts/prisma.mjs sets this when DATABASE_URL is unset, to satisfy the schema's env(). */
const EMBEDDED_PLACEHOLDER = 'postgresql://embedded@localhost/pglite';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  adapter: async () => {
    const url = process.env.DATABASE_URL;
    if (url && url !== EMBEDDED_PLACEHOLDER) return new PrismaPg(poolReportingNameAsText(url));
    const dataDir = resolve(process.env.DATA_DIR ?? '.data', 'pglite');
    mkdirSync(dataDir, { recursive: true });
    return new PrismaPGlite(await PGlite.create(dataDir));
  },
});
