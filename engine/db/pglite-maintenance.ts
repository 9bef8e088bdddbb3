import type { PGlite } from '@electric-sql/pglite';

/**
 * PGlite runs Postgres in single-user mode, where autovacuum never runs: without this, the
 * planner keeps the statistics of an empty database forever (and picks nested loops that
 * re-aggregate a table once per contact as it grows: 5× slower ingestion batches measured at
 * 500 contacts), and rows updated on every event (a contact's last-seen time) bloat their
 * tables. This applies autovacuum's own default rules (`autovacuum_analyze_threshold` 50 +
 * `autovacuum_analyze_scale_factor` 0.1, vacuum 50 + 0.2) to the statistics PGlite does keep.
 */
const NEEDING_CARE = `
  SELECT format('%I.%I', s.schemaname, s.relname) AS name,
         s.n_dead_tup > 50 + 0.2 * GREATEST(c.reltuples, 0) AS vacuum
  FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
  WHERE s.n_mod_since_analyze > 50 + 0.1 * GREATEST(c.reltuples, 0)
     OR s.n_dead_tup > 50 + 0.2 * GREATEST(c.reltuples, 0)
  ORDER BY s.relname`;

/** What one pass did: the tables analysed, and of them those vacuumed too. */
export interface MaintenancePass {
  readonly analyzed: string[];
  readonly vacuumed: string[];
}

/** Analyses (and vacuums) the tables whose changes since the last pass cross autovacuum's thresholds. */
export async function maintainPglite(db: PGlite): Promise<MaintenancePass> {
  const tables = (await db.query<{ name: string; vacuum: boolean }>(NEEDING_CARE)).rows;
  const pass: MaintenancePass = { analyzed: [], vacuumed: [] };
  for (const table of tables) {
    // The name comes from format('%I.%I'), quoted by the server itself.
    await db.exec(table.vacuum ? `VACUUM (ANALYZE) ${table.name}` : `ANALYZE ${table.name}`);
    pass.analyzed.push(table.name);
    if (table.vacuum) pass.vacuumed.push(table.name);
  }
  return pass;
}

/** How often the engine looks: autovacuum's default naptime is a minute; PGlite's statistics reach disk every second. */
export const MAINTENANCE_INTERVAL_MS = 30_000;

/**
 * Runs `maintainPglite` every interval, never two passes at once, without keeping the process
 * alive. A failed pass is reported and the next one tries again.
 */
export function scheduleMaintenance(db: PGlite, onError: (error: unknown) => void, intervalMs: number = MAINTENANCE_INTERVAL_MS): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = maintainPglite(db)
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
