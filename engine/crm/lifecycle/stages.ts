import { Prisma } from '../../../prisma/generated/client';
import type { CrmChange } from '../changes/topics';
import { deliverChanges } from '../changes/delivery';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import type { ScoringContext } from '../scores/context';
import { orderFacts } from '../scores/order-facts';
import { contactScoring, type ScoringOptions } from '../scores/scoring-options';
import { lifecycleFeatures, STAGE_CHANGE_SOURCE } from './compute';
import { journeySignals } from './journey';
import { journeyReasonSql, journeyStageSql } from './journey-rules';
import { lifecycleReasonSql, lifecycleStageSql } from './rules';

// Both stages of the contacts in scope in one statement, for runs that compute both (the
// batch recompute): the lifecycle stage as computeLifecycleStages does, the journey stage from
// the lifecycle stage just computed as computeJourneyStages would read it after, and ONE update
// of each contact row whose stages moved. A contact row has eight indexes and a stage update
// is never in place, so the two steps one after the other wrote every moved contact twice
// (about 3.5 s per 100,000 contacts each). The history rows and events are the two steps'.
//
// The update applies only while both stored stages are still the ones the statement read: a
// contact changed meanwhile keeps the other writer's stages, and its next scoring moves it.

const { sql, raw } = Prisma;

export async function computeStages(client: SqlClient, context: ScoringContext, scope: ContactScope, options: ScoringOptions = contactScoring): Promise<CrmChange[]> {
  const { workspaceId, now, settings } = context;
  return deliverChanges(client, workspaceId, options.delivery, sql`
    WITH scoped AS (
      SELECT c.id AS contact_id, c.lifecycle_stage::text AS current_stage, c.journey_stage::text AS current_journey_stage FROM contact c
      WHERE c.workspace_id = ${workspaceId}::uuid ${scopeFilter(scope, raw('c.id'))}),
    purchases AS (${orderFacts(context, scope, options.facts)}),
    signals AS (${journeySignals(context, scope)}),
    features AS (${lifecycleFeatures(context, scope)}),
    lifecycle AS (
      SELECT f.*, ${lifecycleReasonSql(settings.lifecycle, raw('f.stage'))} AS reason
      FROM (SELECT f.*, ${lifecycleStageSql(settings.lifecycle)} AS stage FROM features f) f),
    journey_features AS (
      SELECT l.contact_id, l.current_stage AS current_lifecycle_stage, l.stage AS lifecycle_stage, l.reason AS lifecycle_reason,
             l.current_journey_stage AS current_stage, l.order_count,
             COALESCE(g.consideration_events, 0) AS consideration_events, COALESCE(g.advocacy_events, 0) AS advocacy_events
      FROM lifecycle l LEFT JOIN signals g ON g.contact_id = l.contact_id),
    staged AS (
      SELECT f.*, ${journeyReasonSql(settings.lifecycle, raw('f.stage'))} AS reason
      FROM (SELECT f.*, ${journeyStageSql(settings.lifecycle)} AS stage FROM journey_features f) f),
    changed AS (
      SELECT contact_id, current_lifecycle_stage, lifecycle_stage, lifecycle_reason, current_stage, stage, reason FROM staged
      WHERE lifecycle_stage <> current_lifecycle_stage OR stage <> current_stage),
    updated AS (
      UPDATE contact c SET lifecycle_stage = ch.lifecycle_stage::lifecycle_stage, journey_stage = ch.stage::journey_stage
      FROM changed ch
      WHERE c.id = ch.contact_id AND c.lifecycle_stage::text = ch.current_lifecycle_stage AND c.journey_stage::text = ch.current_stage
      RETURNING c.id AS contact_id, ch.current_lifecycle_stage, ch.lifecycle_stage, ch.lifecycle_reason, ch.current_stage, ch.stage, ch.reason),
    lifecycle_recorded AS (
      INSERT INTO lifecycle_stage_change (id, workspace_id, contact_id, from_stage, to_stage, reason, source, occurred_at)
      SELECT gen_random_uuid(), ${workspaceId}::uuid, u.contact_id, u.current_lifecycle_stage::lifecycle_stage, u.lifecycle_stage::lifecycle_stage,
             u.lifecycle_reason, ${STAGE_CHANGE_SOURCE}::text, ${now}::timestamptz
      FROM updated u WHERE u.lifecycle_stage <> u.current_lifecycle_stage),
    journey_recorded AS (
      INSERT INTO journey_stage_change (id, workspace_id, contact_id, from_stage, to_stage, reason, source, occurred_at)
      SELECT gen_random_uuid(), ${workspaceId}::uuid, u.contact_id, u.current_stage::journey_stage, u.stage::journey_stage,
             u.reason, ${STAGE_CHANGE_SOURCE}::text, ${now}::timestamptz
      FROM updated u WHERE u.stage <> u.current_stage),
    changes AS (
      SELECT contact_id, 1 AS position, 'lifecycle.stage_changed' AS topic,
             jsonb_build_object('contactId', contact_id::text, 'from', current_lifecycle_stage, 'to', lifecycle_stage, 'reason', lifecycle_reason) AS payload
      FROM updated WHERE lifecycle_stage <> current_lifecycle_stage
      UNION ALL
      SELECT contact_id, 2, 'journey_stage.changed',
             jsonb_build_object('contactId', contact_id::text, 'from', current_stage, 'to', stage, 'reason', reason)
      FROM updated WHERE stage <> current_stage)`);
}
