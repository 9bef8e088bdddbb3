import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { MigrationConnection } from './migrator';

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

export const pgliteAdapter = (db: PGlite): PrismaPGlite => new PrismaPGlite(db);
