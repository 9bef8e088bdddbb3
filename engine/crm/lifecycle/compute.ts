import { Prisma } from '../../../prisma/generated/client';
import type { CrmChange } from '../changes/topics';
import { deliverChanges } from '../changes/delivery';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import type { ScoringContext } from '../scores/context';
import { exactDaysBetween, wholeDaysSince } from '../scores/days';
import { orderFacts } from '../scores/order-facts';
import { contactScoring, type ScoringOptions } from '../scores/scoring-options';
import { lifecycleReasonSql, lifecycleStageSql } from './rules';

// Lifecycle stages of the contacts in scope, in one statement: the order features of each
// contact (the order facts), the stage by the first matching rule (rules.ts), then — only where the stage moved
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

/**
 * The features the lifecycle rules read (rules.ts), one row per contact of `scoped` (every
 * column of it kept), from the CTEs `scoped` (contact_id) and `purchases` (the order facts).
 */
export function lifecycleFeatures(context: ScoringContext, scope: ContactScope): Prisma.Sql {
  const { now } = context;
  return sql`
      SELECT s.*,
             COALESCE(p.order_count, 0) AS order_count,
             ${wholeDaysSince(now, raw('p.last_at'))} AS days_since_last,
             ${wholeDaysSince(now, raw('p.first_at'))} AS days_since_first,
             floor(${exactDaysBetween(raw('p.last_at'), raw('p.previous_at'))})::int AS gap_days,
             CASE WHEN p.order_count >= 2 THEN GREATEST(1, ${exactDaysBetween(raw('p.last_at'), raw('p.first_at'))} / (p.order_count - 1)) END AS average_interval_days,
             r.segment_label
      FROM scoped s
      LEFT JOIN purchases p ON p.contact_id = s.contact_id
      LEFT JOIN rfm_score r ON r.contact_id = s.contact_id ${scopeFilter(scope, raw('r.contact_id'))}`;
}

export async function computeLifecycleStages(client: SqlClient, context: ScoringContext, scope: ContactScope, options: ScoringOptions = contactScoring): Promise<CrmChange[]> {
  const { workspaceId, now, settings } = context;
  return deliverChanges(client, workspaceId, options.delivery, sql`
    WITH scoped AS (
      SELECT c.id AS contact_id, c.lifecycle_stage::text AS current_stage FROM contact c
      WHERE c.workspace_id = ${workspaceId}::uuid ${scopeFilter(scope, raw('c.id'))}),
    purchases AS (${orderFacts(context, scope, options.facts)}),
    features AS (${lifecycleFeatures(context, scope)}),
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
      -- What was moved comes straight from the update: no join of two CTEs, whose row counts
      -- the planner cannot estimate (it would pick a nested loop, quadratic in the scope).
      RETURNING c.id AS contact_id, ch.current_stage, ch.stage, ch.reason),
    recorded AS (
      INSERT INTO lifecycle_stage_change (id, workspace_id, contact_id, from_stage, to_stage, reason, source, occurred_at)
      SELECT gen_random_uuid(), ${workspaceId}::uuid, a.contact_id, a.current_stage::lifecycle_stage, a.stage::lifecycle_stage,
             a.reason, ${STAGE_CHANGE_SOURCE}::text, ${now}::timestamptz
      FROM updated a),
    changes AS (
      SELECT contact_id, 1 AS position, 'lifecycle.stage_changed' AS topic,
             jsonb_build_object('contactId', contact_id::text, 'from', current_stage, 'to', stage, 'reason', reason) AS payload
      FROM updated)`);
}
