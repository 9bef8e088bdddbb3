import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { MigrationConnection } from './migrator';
import { preparedStatementName } from './reused-plan';

/**
 * Connections per engine process: the API, the dispatcher and the worker's activities share
 * them, and the worker's concurrency is sized to this (activities/worker.ts), so a burst of
 * activities queues for a connection instead of failing. Sixteen, because a journey's
 * bookkeeping waiting behind the sends for fewer was the engine's bottleneck (bench/README.md,
 * P1). Six processes stay under Postgres's default of 100 connections; beyond that, raise
 * `max_connections` or put PgBouncer (transaction pooling, 1.21 or later with
 * `max_prepared_statements` set, for the named statements of `reused-plan.ts`) in front.
 */
export const POSTGRES_POOL_SIZE = 16;

export function openPostgresPool(url: string): pg.Pool {
  // A waiting query gives up after 60 s: long enough for a burst to drain, short enough to surface a stuck pool.
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE, connectionTimeoutMillis: 60_000 });
  // An idle connection the server ends (a restart, a failover, DROP DATABASE in tests) is
  // reported on the pool; without a listener that 'error' event would crash the process. The
  // pool discards the dead connection and opens a new one on next use.
  pool.on('error', () => undefined);
  pool.on('connect', prepareReusedPlans);
  return pool;
}

/**
 * Gives each statement marked with `reusedPlan` its prepared-statement name on this connection
 * (node-postgres then parses it once per connection and binds it after). Every query passes
 * through `client.query`, the Prisma adapter's and the pool's alike, so that is where the name
 * is added; a query that already has a name, or is not a config object, passes unchanged.
 */
function prepareReusedPlans(client: pg.PoolClient): void {
  const prepared = new Set<string>();
  const query: unknown = client.query;
  if (typeof query !== 'function') return;
  Object.defineProperty(client, 'query', {
    configurable: true,
    value: (config: unknown, ...rest: unknown[]): unknown => {
      const statement = unnamedStatement(config);
      const name = statement && preparedStatementName(statement.text, prepared);
      if (statement === undefined || name === undefined) return Reflect.apply(query, client, [config, ...rest]);
      prepared.add(name);
      return Reflect.apply(query, client, [{ ...statement.config, name }, ...rest]);
    },
  });
}

/** A plain query config with text and no name yet (the form the Prisma adapter passes); not a submittable such as a cursor. */
function unnamedStatement(config: unknown): { readonly config: object; readonly text: string } | undefined {
  if (typeof config !== 'object' || config === null || 'name' in config || 'submit' in config) return undefined;
  return 'text' in config && typeof config.text === 'string' ? { config, text: config.text } : undefined;
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

/**
 * LISTEN needs a connection of its own for as long as it listens (a pooled one would be
 * handed to other queries), so each listener opens a dedicated client.
 */
export async function listenOnPostgres(url: string, channel: string, handler: (payload: string) => void): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  client.on('notification', (message) => {
    if (message.channel === channel) handler(message.payload ?? '');
  });
  await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  return async () => {
    await client.end();
  };
}
