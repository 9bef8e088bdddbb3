import { join } from 'node:path';
import { openDatabase, type Database } from '../../engine/db';
import type { Closers } from './closers';
import { createScratchDatabase } from './scratch-database';

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * A fresh, migrated database for one benchmark: a PGlite folder inside `folder`, or a database
 * of its own on the Postgres server at DATABASE_URL (named after `label`, dropped on close).
 */
export async function openBenchDatabase(kind: DatabaseKind, label: string, folder: string, closers: Closers): Promise<Database> {
  if (kind === 'pglite') {
    const db = await openDatabase({ kind: 'pglite', dataDir: join(folder, 'pglite') });
    closers.push(() => db.close());
    await db.migrate();
    return db;
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL must point at a Postgres server for the Postgres runs');
  const scratch = await createScratchDatabase(serverUrl, label);
  closers.push(() => scratch.drop());
  const db = await openDatabase({ kind: 'postgres', url: scratch.url });
  closers.push(() => db.close());
  await db.migrate();
  return db;
}
