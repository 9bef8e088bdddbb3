import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Applies the committed Prisma migrations (prisma/migrations/<name>/migration.sql) in-process.
 *
 * Why not `prisma migrate deploy`: in embedded mode PGlite is an in-process, single-connection
 * database, so a CLI in another process cannot reach it while the app (or a test) holds it.
 * This migrator keeps Prisma's bookkeeping table `_prisma_migrations` in Prisma's own format
 * (same checksum, same columns, same advisory lock), so `prisma migrate status` and
 * `prisma migrate deploy` agree with it on a Postgres server.
 *
 * Each migration runs in one transaction with its bookkeeping row: a failure leaves nothing
 * half-applied (Postgres DDL is transactional).
 */
export interface MigrationConnection {
  /** Runs a script that may hold several statements. */
  exec(sql: string): Promise<void>;
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/** Prisma's migration lock id, so a concurrent `prisma migrate deploy` waits for us and vice versa. */
const PRISMA_ADVISORY_LOCK_ID = 72707369;

const BOOKKEEPING_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

export async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

interface AppliedRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

export async function applyMigrations(
  connection: MigrationConnection,
  migrations: MigrationFile[],
  options: { advisoryLock: boolean },
): Promise<MigrationReport> {
  if (options.advisoryLock) await connection.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_ID]);
  try {
    await connection.exec(BOOKKEEPING_TABLE);
    const rows = await connection.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row]));
    const report: MigrationReport = { applied: [], alreadyApplied: 0 };
    for (const migration of migrations) {
      const previous = applied.get(migration.name);
      if (previous) {
        assertUnchanged(previous, migration);
        report.alreadyApplied += 1;
        continue;
      }
      await applyOne(connection, migration);
      report.applied.push(migration.name);
    }
    return report;
  } finally {
    if (options.advisoryLock) await connection.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_ID]);
  }
}

function assertUnchanged(previous: AppliedRow, migration: MigrationFile): void {
  if (previous.finished_at === null) {
    throw new MigrationError(
      `Migration ${migration.name} started but never finished on this database; resolve it with \`npm run prisma -- migrate resolve\`.`,
    );
  }
  if (previous.checksum !== migration.checksum) {
    throw new MigrationError(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
  }
}

async function applyOne(connection: MigrationConnection, migration: MigrationFile): Promise<void> {
  await connection.exec('BEGIN');
  try {
    await connection.exec(migration.sql);
    await connection.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await connection.exec('COMMIT');
  } catch (error) {
    await connection.exec('ROLLBACK');
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`);
  }
}
