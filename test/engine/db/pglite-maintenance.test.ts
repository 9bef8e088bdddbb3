import { PGlite } from '@electric-sql/pglite';
import { maintainPglite, scheduleMaintenance } from '../../../engine/db/pglite-maintenance';

/** PGlite writes its table statistics out about once a second. */
const statisticsFlushed = async (db: PGlite) => {
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  await db.query('SELECT 1');
};

describe('PGlite maintenance (what autovacuum would do)', () => {
  let db: PGlite;
  beforeEach(async () => {
    db = await PGlite.create();
    await db.exec('CREATE TABLE "Odd Name" (id int PRIMARY KEY, seen int); CREATE TABLE quiet (id int PRIMARY KEY)');
    await db.exec('INSERT INTO quiet VALUES (1)');
  });
  afterEach(async () => {
    await db.close();
  });

  const lastAnalyzed = async (table: string) => (await db.query<{ last_analyze: Date | null }>('SELECT last_analyze FROM pg_stat_user_tables WHERE relname = $1', [table])).rows[0]?.last_analyze ?? null;

  it('analyses tables changed past the threshold, vacuums those with many dead rows, and leaves the others', async () => {
    await db.exec('INSERT INTO "Odd Name" SELECT g, 0 FROM generate_series(1, 5000) g');
    await statisticsFlushed(db);
    expect(await maintainPglite(db)).toEqual({ analyzed: ['public."Odd Name"'], vacuumed: [] });
    expect(await lastAnalyzed('Odd Name')).not.toBeNull();
    expect(await lastAnalyzed('quiet')).toBeNull();

    // Nothing changed since: nothing to do.
    await statisticsFlushed(db);
    expect(await maintainPglite(db)).toEqual({ analyzed: [], vacuumed: [] });

    // Every row updated: dead rows past 20% of the table, so it is vacuumed as well.
    await db.exec('UPDATE "Odd Name" SET seen = seen + 1');
    await statisticsFlushed(db);
    expect(await maintainPglite(db)).toEqual({ analyzed: ['public."Odd Name"'], vacuumed: ['public."Odd Name"'] });
  });

  it('runs on a schedule and stops cleanly', async () => {
    await db.exec('INSERT INTO "Odd Name" SELECT g, 0 FROM generate_series(1, 500) g');
    await statisticsFlushed(db);
    const errors: unknown[] = [];
    const maintenance = scheduleMaintenance(db, (error) => errors.push(error), 50);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await maintenance.stop();
    expect(await lastAnalyzed('Odd Name')).not.toBeNull();
    expect(errors).toEqual([]);
  });
});
