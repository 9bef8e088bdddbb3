import { Prisma } from '../../../prisma/generated/client';
import type { CrmChange } from '../changes/topics';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import type { ScoringContext } from '../scores/context';
import { countingOrders } from '../scores/counting-orders';
import { STAGE_CHANGE_SOURCE } from './compute';
import { journeyReasonSql, journeyStageSql } from './journey-rules';

// Journey (funnel) stages of the contacts in scope, in one statement, the same way as the
// lifecycle stages: features (orders, the stored lifecycle stage, consideration and advocacy
// events ever), the first matching rule (journey-rules.ts), and only where the stage moved the
// contact row, a journey_stage_change row and a `journey_stage.changed` event.
//
// Reads contact.lifecycle_stage: run computeLifecycleStages first.

const { sql, raw } = Prisma;

interface StageChangeRow {
  contact_id: string;
  from_stage: string;
  to_stage: string;
  reason: string;
}

export async function computeJourneyStages(client: SqlClient, context: ScoringContext, scope: ContactScope): Promise<CrmChange[]> {
  const { workspaceId, now } = context;
  const { considerationEvents, advocacyEvents } = context.settings.lifecycle;
  const rows = await client.$queryRaw<StageChangeRow[]>(sql`
    WITH scoped AS (
      SELECT c.id AS contact_id, c.journey_stage::text AS current_stage, c.lifecycle_stage::text AS lifecycle_stage FROM contact c
      WHERE c.workspace_id = ${workspaceId}::uuid ${scopeFilter(scope, raw('c.id'))}),
    purchases AS (
      SELECT o.contact_id, count(*)::int AS order_count FROM "order" o WHERE ${countingOrders(context, scope)} GROUP BY o.contact_id),
    signals AS (
      SELECT e.contact_id,
             (count(*) FILTER (WHERE e.name = ANY(${[...considerationEvents]}::text[])))::int AS consideration_events,
             (count(*) FILTER (WHERE e.name = ANY(${[...advocacyEvents]}::text[])))::int AS advocacy_events
      FROM event e
      WHERE e.workspace_id = ${workspaceId}::uuid AND e.name = ANY(${[...considerationEvents, ...advocacyEvents]}::text[])
        AND e.occurred_at <= ${now}::timestamptz ${scopeFilter(scope, raw('e.contact_id'))}
      GROUP BY e.contact_id),
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
      RETURNING c.id),
    recorded AS (
      INSERT INTO journey_stage_change (id, workspace_id, contact_id, from_stage, to_stage, reason, source, occurred_at)
      SELECT gen_random_uuid(), ${workspaceId}::uuid, ch.contact_id, ch.current_stage::journey_stage, ch.stage::journey_stage,
             ch.reason, ${STAGE_CHANGE_SOURCE}::text, ${now}::timestamptz
      FROM changed ch JOIN updated u ON u.id = ch.contact_id)
    SELECT ch.contact_id::text AS contact_id, ch.current_stage AS from_stage, ch.stage AS to_stage, ch.reason
    FROM changed ch JOIN updated u ON u.id = ch.contact_id
    ORDER BY ch.contact_id`);
  return rows.map((row) => ({ topic: 'journey_stage.changed', contactId: row.contact_id, from: row.from_stage, to: row.to_stage, reason: row.reason }));
}
