import { setTimeout as sleep } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { PrismaClient } from '../../prisma/generated/client';
import type { DatabaseConfig } from '../config';
import { describeError } from '../describe-error';
import { migrationsDir } from '../paths';
import { applyMigrations, readMigrations, type MigrationReport } from './migrator';
import { OpenTransactions } from './open-transactions';
import { openPglite, pgliteAdapter, pgliteMigrationConnection } from './pglite';
import { scheduleMaintenance } from './pglite-maintenance';
import { listenOnPostgres, openPostgresPool, postgresAdapter, withPostgresMigrationConnection } from './postgres';

/** The engine's handle on its database, whichever kind it is. */
export interface Database {
  readonly kind: DatabaseConfig['kind'];
  readonly prisma: PrismaClient;
  /** Applies pending committed migrations; safe to call at every start. */
  migrate(): Promise<MigrationReport>;
  /** Cheap liveness probe for /health. */
  ping(): Promise<void>;
  /**
   * Brings the planner's statistics of every table up to date now (`ANALYZE`): for after a
   * bulk load, before autovacuum would notice. On PGlite, which has no autovacuum, the engine
   * also analyses and vacuums changed tables every 30 s (pglite-maintenance.ts).
   */
  analyze(): Promise<void>;
  /**
   * Calls `handler` for every NOTIFY on `channel` (delivered when the notifying transaction
   * commits). Resolves once listening; the returned function stops it.
   */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === 'pglite' ? openPgliteDatabase(config.dataDir) : openPostgresDatabase(config.url);
}

async function openPgliteDatabase(dataDir: string): Promise<Database> {
  let db: PGlite;
  try {
    db = await openPglite(dataDir);
  } catch (error) {
    throw new DatabaseUnavailableError(`Cannot open the embedded database in ${dataDir}: ${describeError(error)}`);
  }
  const open = new OpenTransactions();
  const prisma = new PrismaClient({ adapter: open.track(pgliteAdapter(db)) });
  const maintenance = scheduleMaintenance(db, (error) => process.emitWarning(`embedded database maintenance failed: ${describeError(error)}`));
  return {
    kind: 'pglite',
    prisma,
    migrate: async () =>
      applyMigrations(pgliteMigrationConnection(db), await readMigrations(migrationsDir()), { advisoryLock: false }),
    ping: async () => {
      await db.query('SELECT 1');
    },
    analyze: async () => {
      await db.exec('ANALYZE');
    },
    listen: async (channel, handler) => db.listen(channel, handler),
    close: async () => {
      await maintenance.stop();
      await open.untilNoneOpen(CLOSE_DRAIN_MS);
      await prisma.$disconnect();
      await db.close();
    },
  };
}

async function openPostgresDatabase(url: string): Promise<Database> {
  const pool = openPostgresPool(url);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new DatabaseUnavailableError(`Cannot connect to the Postgres server in DATABASE_URL (${redact(url)}): ${describeError(error)}`);
  }
  // Interactive transactions wait for a connection as long as any query does (a burst of
  // activities queues, P2028 was the error when this was Prisma's default of 2 s).
  const open = new OpenTransactions();
  const prisma = new PrismaClient({ adapter: open.track(postgresAdapter(pool)), transactionOptions: { maxWait: 60_000 } });
  return {
    kind: 'postgres',
    prisma,
    migrate: async () => {
      const migrations = await readMigrations(migrationsDir());
      return withPostgresMigrationConnection(pool, (connection) =>
        applyMigrations(connection, migrations, { advisoryLock: true }),
      );
    },
    ping: async () => {
      await pool.query('SELECT 1');
    },
    analyze: async () => {
      await pool.query('ANALYZE');
    },
    listen: (channel, handler) => listenOnPostgres(url, channel, handler),
    close: async () => {
      await open.untilNoneOpen(CLOSE_DRAIN_MS);
      await prisma.$disconnect();
      await endPool(pool);
    },
  };
}

/**
 * How long closing lets open transactions finish (a request its client abandoned still runs its
 * own), and then how long it waits for the pool's connections: a connection still checked out
 * after that is given up on rather than holding the process's shutdown for ever.
 */
const CLOSE_DRAIN_MS = 15_000;
const POOL_END_MS = 5_000;

async function endPool(pool: pg.Pool): Promise<void> {
  if (pool.ended) return;
  await Promise.race([pool.end(), sleep(POOL_END_MS)]);
}

/** Keeps passwords out of logs and error lines. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable URL>';
  }
}
