import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { MigrationConnection } from './migrator';

export function openPostgresPool(url: string): pg.Pool {
  // A small pool: the API, the dispatcher and the worker's activities share it.
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle connection the server ends (a restart, a failover, DROP DATABASE in tests) is
  // reported on the pool; without a listener that 'error' event would crash the process. The
  // pool discards the dead connection and opens a new one on next use.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` on one pooled connection, so BEGIN/COMMIT and advisory locks stay on it. */
export async function withPostgresMigrationConnection<T>(
  pool: pg.Pool,
  work: (connection: MigrationConnection) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    return await work({
      exec: async (sql) => {
        await client.query(sql);
      },
      query: async <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
        (await client.query<Row>(sql, params)).rows,
    });
  } finally {
    client.release();
  }
}

export const postgresAdapter = (pool: pg.Pool): PrismaPg => new PrismaPg(pool);
