import { Prisma } from '../../../prisma/generated/client';
import type { CrmChange } from '../changes/topics';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import type { ScoringContext } from '../scores/context';
import { countingOrders } from '../scores/counting-orders';
import { exactDaysBetween, wholeDaysSince } from '../scores/days';
import { lifecycleReasonSql, lifecycleStageSql } from './rules';

// Lifecycle stages of the contacts in scope, in one statement: the order features of each
// contact, the stage by the first matching rule (rules.ts), then — only where the stage moved
// — the contact row, a lifecycle_stage_change history row (source 'scoring', at `now`) and a
// `lifecycle.stage_changed` event. Re-running with the same data changes nothing.
//
// The update only applies while the stored stage is still the one the statement read, so two
// computations racing on a contact record the transition once: the loser's UPDATE finds the
// row changed and writes neither the stage nor a history row.
//
// The champion rule reads rfm_score: compute RFM first.

const { sql, raw } = Prisma;

/** lifecycle_stage_change.source of the rows written here. */
export const STAGE_CHANGE_SOURCE = 'scoring';

interface StageChangeRow {
  contact_id: string;
  from_stage: string;
  to_stage: string;
  reason: string;
}

export async function computeLifecycleStages(client: SqlClient, context: ScoringContext, scope: ContactScope): Promise<CrmChange[]> {
  const { workspaceId, now, settings } = context;
  const rows = await client.$queryRaw<StageChangeRow[]>(sql`
    WITH scoped AS (
      SELECT c.id AS contact_id, c.lifecycle_stage::text AS current_stage FROM contact c
      WHERE c.workspace_id = ${workspaceId}::uuid ${scopeFilter(scope, raw('c.id'))}),
    ranked AS (
      SELECT o.contact_id, o.placed_at,
             row_number() OVER (PARTITION BY o.contact_id ORDER BY o.placed_at DESC, o.id DESC) AS recency_rank
      FROM "order" o WHERE ${countingOrders(context, scope)}),
    purchases AS (
      SELECT contact_id, count(*)::int AS order_count, min(placed_at) AS first_at, max(placed_at) AS last_at,
             max(placed_at) FILTER (WHERE recency_rank = 2) AS previous_at
      FROM ranked GROUP BY contact_id),
    features AS (
      SELECT s.contact_id, s.current_stage,
             COALESCE(p.order_count, 0) AS order_count,
             ${wholeDaysSince(now, raw('p.last_at'))} AS days_since_last,
             ${wholeDaysSince(now, raw('p.first_at'))} AS days_since_first,
             floor(${exactDaysBetween(raw('p.last_at'), raw('p.previous_at'))})::int AS gap_days,
             CASE WHEN p.order_count >= 2 THEN GREATEST(1, ${exactDaysBetween(raw('p.last_at'), raw('p.first_at'))} / (p.order_count - 1)) END AS average_interval_days,
             r.segment_label
      FROM scoped s
      LEFT JOIN purchases p ON p.contact_id = s.contact_id
      LEFT JOIN rfm_score r ON r.contact_id = s.contact_id ${scopeFilter(scope, raw('r.contact_id'))}),
    staged AS (
      SELECT f.*, ${lifecycleStageSql(settings.lifecycle)} AS stage FROM features f),
    changed AS (
      SELECT f.contact_id, f.current_stage, f.stage, ${lifecycleReasonSql(settings.lifecycle, raw('f.stage'))} AS reason
      FROM staged f
      WHERE f.stage <> f.current_stage),
    updated AS (
      UPDATE contact c SET lifecycle_stage = ch.stage::lifecycle_stage
      FROM changed ch
      WHERE c.id = ch.contact_id AND c.lifecycle_stage::text = ch.current_stage
      RETURNING c.id),
    recorded AS (
      INSERT INTO lifecycle_stage_change (id, workspace_id, contact_id, from_stage, to_stage, reason, source, occurred_at)
      SELECT gen_random_uuid(), ${workspaceId}::uuid, ch.contact_id, ch.current_stage::lifecycle_stage, ch.stage::lifecycle_stage,
             ch.reason, ${STAGE_CHANGE_SOURCE}::text, ${now}::timestamptz
      FROM changed ch JOIN updated u ON u.id = ch.contact_id)
    SELECT ch.contact_id::text AS contact_id, ch.current_stage AS from_stage, ch.stage AS to_stage, ch.reason
    FROM changed ch JOIN updated u ON u.id = ch.contact_id
    ORDER BY ch.contact_id`);
  return rows.map((row) => ({ topic: 'lifecycle.stage_changed', contactId: row.contact_id, from: row.from_stage, to: row.to_stage, reason: row.reason }));
}
