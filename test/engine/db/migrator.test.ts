import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { applyMigrations, MigrationError, readMigrations, type MigrationFile } from '../../../engine/db/migrator';
import { pgliteMigrationConnection } from '../../../engine/db/pglite';

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'je-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

const tables = async (db: PGlite): Promise<string[]> =>
  (await db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map(
    (row) => row.tablename,
  );

describe('applyMigrations', () => {
  let db: PGlite;
  beforeEach(async () => {
    db = await PGlite.create();
  });
  afterEach(async () => {
    await db.close();
  });

  it('applies pending migrations in name order and records them the way Prisma does', async () => {
    const dir = await migrationsDir({
      '20260101000000_second': 'ALTER TABLE a ADD COLUMN b int;',
      '20250101000000_first': 'CREATE TABLE a (id int primary key); CREATE INDEX a_id ON a (id);',
    });
    const report = await applyMigrations(pgliteMigrationConnection(db), await readMigrations(dir), { advisoryLock: false });
    expect(report).toEqual({ applied: ['20250101000000_first', '20260101000000_second'], alreadyApplied: 0 });
    const rows = await db.query<{ migration_name: string; checksum: string; applied_steps_count: number; finished: boolean }>(
      'SELECT migration_name, checksum, applied_steps_count, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.rows.map((row) => row.migration_name)).toEqual(['20250101000000_first', '20260101000000_second']);
    expect(rows.rows.every((row) => row.finished && row.applied_steps_count === 1 && /^[0-9a-f]{64}$/.test(row.checksum))).toBe(true);
  });

  it('is idempotent: a second run applies nothing', async () => {
    const migrations = await readMigrations(await migrationsDir({ '1_init': 'CREATE TABLE a (id int);' }));
    await applyMigrations(pgliteMigrationConnection(db), migrations, { advisoryLock: false });
    const again = await applyMigrations(pgliteMigrationConnection(db), migrations, { advisoryLock: false });
    expect(again).toEqual({ applied: [], alreadyApplied: 1 });
  });

  it('rolls a failing migration back completely and names it', async () => {
    const migrations = await readMigrations(
      await migrationsDir({
        '1_init': 'CREATE TABLE a (id int);',
        '2_broken': 'CREATE TABLE b (id int); INSERT INTO missing_table VALUES (1);',
      }),
    );
    await expect(applyMigrations(pgliteMigrationConnection(db), migrations, { advisoryLock: false })).rejects.toThrow(
      /Migration 2_broken failed and was rolled back: .*missing_table/,
    );
    expect(await tables(db)).toEqual(['_prisma_migrations', 'a']);
    const recorded = await db.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations');
    expect(recorded.rows.map((row) => row.migration_name)).toEqual(['1_init']);
  });

  it('refuses a migration edited after it was applied', async () => {
    const original: MigrationFile[] = await readMigrations(await migrationsDir({ '1_init': 'CREATE TABLE a (id int);' }));
    await applyMigrations(pgliteMigrationConnection(db), original, { advisoryLock: false });
    const edited = await readMigrations(await migrationsDir({ '1_init': 'CREATE TABLE a (id bigint);' }));
    await expect(applyMigrations(pgliteMigrationConnection(db), edited, { advisoryLock: false })).rejects.toThrow(MigrationError);
    await expect(applyMigrations(pgliteMigrationConnection(db), edited, { advisoryLock: false })).rejects.toThrow(
      /1_init was changed after it was applied/,
    );
  });
});
