import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { IN_MEMORY, openDatabase, type Database } from '../../engine/db';
import type { DatabaseConfig } from '../../engine/config';

export type DatabaseKind = DatabaseConfig['kind'];

/** PGlite always; a real Postgres server too when DATABASE_URL points at one (CI does). */
export const databaseKinds: DatabaseKind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  config: DatabaseConfig;
  /** Drops the throwaway database (Postgres); nothing to do for in-memory PGlite. */
  drop(): Promise<void>;
}

/** A fresh, empty database of the given kind: in-memory PGlite, or a new database on the server. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') return { config: { kind: 'pglite', dataDir: IN_MEMORY }, drop: async () => undefined };
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is required for the postgres test database');
  const name = `je_test_${randomUUID().replaceAll('-', '')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: () => withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A migrated database, ready for the engine. */
export async function openMigratedDatabase(kind: DatabaseKind): Promise<{ db: Database; dispose(): Promise<void> }> {
  const target = await createTestDatabase(kind);
  const db = await openDatabase(target.config);
  await db.migrate();
  return {
    db,
    dispose: async () => {
      await db.close();
      await target.drop();
    },
  };
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
