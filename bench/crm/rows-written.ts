import type { BenchSql } from './bench-sql';

/**
 * Rows a recompute run at `now` wrote, per table. Score rows carry the time they last changed
 * (computed_at), stage and membership history the time of the change, so they tell exactly; the
 * outbox is counted by id from where it stood before the run.
 */
export async function rowsWritten(sql: BenchSql, workspaceId: string, now: Date, outboxBefore: number): Promise<Record<string, number>> {
  const scoreTables = ['engagement_score', 'rfm_score', 'clv_score', 'churn_risk_score', 'lead_score', 'health_score'];
  const counts = [
    ...scoreTables.map((table) => `SELECT '${table}' AS name, count(*)::int AS n FROM ${table} WHERE workspace_id = $1 AND computed_at = $2`),
    ...['lifecycle_stage_change', 'journey_stage_change', 'segment_membership_change'].map(
      (table) => `SELECT '${table}' AS name, count(*)::int AS n FROM ${table} WHERE workspace_id = $1 AND occurred_at = $2`,
    ),
    `SELECT 'outbox_entry' AS name, count(*)::int AS n FROM outbox_entry WHERE workspace_id = $1 AND id > $3`,
  ];
  const rows = await sql.query<{ name: string; n: number }>(counts.join(' UNION ALL '), [workspaceId, now, outboxBefore]);
  return Object.fromEntries(rows.rows.map((row) => [row.name, Number(row.n)]));
}

export async function lastOutboxId(sql: BenchSql): Promise<number> {
  const rows = await sql.query<{ id: number | null }>('SELECT max(id)::int AS id FROM outbox_entry');
  return Number(rows.rows[0]?.id ?? 0);
}
