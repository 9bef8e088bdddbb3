import { Prisma } from '../../../prisma/generated/client';
import type { CrmChange } from '../changes/topics';
import { deliverChanges } from '../changes/delivery';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import type { ScoringContext } from '../scores/context';
import { orderFacts } from '../scores/order-facts';
import { contactScoring, type ScoringOptions } from '../scores/scoring-options';
import { STAGE_CHANGE_SOURCE } from './compute';
import { journeyReasonSql, journeyStageSql } from './journey-rules';

// Journey (funnel) stages of the contacts in scope, in one statement, the same way as the
// lifecycle stages: features (orders, the stored lifecycle stage, consideration and advocacy
// events ever), the first matching rule (journey-rules.ts), and only where the stage moved the
// contact row, a journey_stage_change row and a `journey_stage.changed` event.
//
// Reads contact.lifecycle_stage: run computeLifecycleStages first.

const { sql, raw } = Prisma;

/** Consideration and advocacy events ever, per contact of the scope that has any (the journey rules' signals). */
export function journeySignals(context: ScoringContext, scope: ContactScope): Prisma.Sql {
  const { workspaceId, now } = context;
  const { considerationEvents, advocacyEvents } = context.settings.lifecycle;
  return sql`
      SELECT e.contact_id,
             (count(*) FILTER (WHERE e.name = ANY(${[...considerationEvents]}::text[])))::int AS consideration_events,
             (count(*) FILTER (WHERE e.name = ANY(${[...advocacyEvents]}::text[])))::int AS advocacy_events
      FROM event e
      WHERE e.workspace_id = ${workspaceId}::uuid AND e.name = ANY(${[...considerationEvents, ...advocacyEvents]}::text[])
        AND e.occurred_at <= ${now}::timestamptz ${scopeFilter(scope, raw('e.contact_id'))}
      GROUP BY e.contact_id`;
}

export async function computeJourneyStages(client: SqlClient, context: ScoringContext, scope: ContactScope, options: ScoringOptions = contactScoring): Promise<CrmChange[]> {
  const { workspaceId, now } = context;
  return deliverChanges(client, workspaceId, options.delivery, sql`
    WITH scoped AS (
      SELECT c.id AS contact_id, c.journey_stage::text AS current_stage, c.lifecycle_stage::text AS lifecycle_stage FROM contact c
      WHERE c.workspace_id = ${workspaceId}::uuid ${scopeFilter(scope, raw('c.id'))}),
    purchases AS (${orderFacts(context, scope, options.facts)}),
    signals AS (${journeySignals(context, scope)}),
    features AS (
      SELECT s.contact_id, s.current_stage, s.lifecycle_stage, COALESCE(p.order_count, 0) AS order_count,
             COALESCE(g.consideration_events, 0) AS consideration_events, COALESCE(g.advocacy_events, 0) AS advocacy_events
      FROM scoped s
      LEFT JOIN purchases p ON p.contact_id = s.contact_id
      LEFT JOIN signals g ON g.contact_id = s.contact_id),
    staged AS (
      SELECT f.*, ${journeyStageSql(context.settings.lifecycle)} AS stage FROM features f),
    changed AS (
      SELECT f.contact_id, f.current_stage, f.stage, ${journeyReasonSql(context.settings.lifecycle, raw('f.stage'))} AS reason
      FROM staged f
      WHERE f.stage <> f.current_stage),
    updated AS (
      UPDATE contact c SET journey_stage = ch.stage::journey_stage
      FROM changed ch
      WHERE c.id = ch.contact_id AND c.journey_stage::text = ch.current_stage
      -- What was moved comes straight from the update: no join of two CTEs, whose row counts
      -- the planner cannot estimate (it would pick a nested loop, quadratic in the scope).
      RETURNING c.id AS contact_id, ch.current_stage, ch.stage, ch.reason),
    recorded AS (
      INSERT INTO journey_stage_change (id, workspace_id, contact_id, from_stage, to_stage, reason, source, occurred_at)
      SELECT gen_random_uuid(), ${workspaceId}::uuid, a.contact_id, a.current_stage::journey_stage, a.stage::journey_stage,
             a.reason, ${STAGE_CHANGE_SOURCE}::text, ${now}::timestamptz
      FROM updated a),
    changes AS (
      SELECT contact_id, 1 AS position, 'journey_stage.changed' AS topic,
             jsonb_build_object('contactId', contact_id::text, 'from', current_stage, 'to', stage, 'reason', reason) AS payload
      FROM updated)`);
}
