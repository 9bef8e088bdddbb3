import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { MigrationConnection } from './migrator';
import { withPostgresErrorKinds } from './pglite-error-kinds';

export const IN_MEMORY = 'memory://';

/** Opens (creating if needed) a PGlite database persisted in `dataDir`, or in memory. */
export async function openPglite(dataDir: string): Promise<PGlite> {
  if (dataDir !== IN_MEMORY) await mkdir(dataDir, { recursive: true });
  return PGlite.create(dataDir === IN_MEMORY ? undefined : dataDir);
}

export function pgliteMigrationConnection(db: PGlite): MigrationConnection {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      (await db.query<Row>(sql, params)).rows,
  };
}

/** The Prisma adapter for PGlite, reporting constraint violations the way the pg adapter does. */
export const pgliteAdapter = (db: PGlite): SqlDriverAdapterFactory => withPostgresErrorKinds(new PrismaPGlite(db));
