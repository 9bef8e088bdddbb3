import { Prisma } from '../../../prisma/generated/client';
import type { CrmChange } from '../changes/topics';
import { deliverChanges } from '../changes/delivery';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import type { ScoringContext } from '../scores/context';
import { wholeDaysSince } from '../scores/days';
import { orderFacts } from '../scores/order-facts';
import { contactScoring, type ScoringOptions } from '../scores/scoring-options';
import { computeRfmQuintileBoundaries, quintileScore, rfmQuintileBoundaries } from './quintile';
import { rfmSegmentSql } from './segments';
import { thresholdFrequencyScore, thresholdMonetaryScore, thresholdRecencyScore } from './threshold';

// RFM scores of the contacts in scope, in one statement: the counting orders within the
// lookback per contact (the order facts), score R, F and M with the workspace's model
// (settings.rfm.model), label the segment, write the rfm_score rows whose values moved, delete
// the rows of contacts who no longer have a counting order in the lookback (silently:
// rfm.segment_changed has no "to nothing"), and announce the rows written whose label or scores
// moved, compared with the rows as they were before the statement: every part of one statement
// sees the same snapshot, so joining rfm_score reads it as it was while the INSERT rewrites it.
//
// The quintile model scores against workspace-wide boundaries: a run over all contacts
// recomputes and stores them first; a run over some contacts reuses the stored ones.

const { sql, raw } = Prisma;

/** R·100 + F·10 + M: the one number score.changed carries for RFM (555 is the best). */
export const rfmCombinedScore = (recency: number, frequency: number, monetary: number): number => recency * 100 + frequency * 10 + monetary;

/** The same number in SQL, over a row alias with recency, frequency and monetary columns. */
const combinedScoreOf = (alias: 'p' | 'w'): Prisma.Sql => raw(`(${alias}.recency * 100 + ${alias}.frequency * 10 + ${alias}.monetary)::int`);

export async function computeRfm(client: SqlClient, context: ScoringContext, scope: ContactScope, options: ScoringOptions = contactScoring): Promise<CrmChange[]> {
  const { workspaceId, now } = context;
  const model = context.settings.rfm.model;
  const scores = await scoresOf(client, context, scope);
  const stored = ['recency', 'frequency', 'monetary', 'segment_label', 'days_since_last', 'order_count', 'total_spend'];
  const columns = (alias: string) => raw(`(${alias}.model, ${stored.map((name) => `${alias}.${name}`).join(', ')})`);
  return deliverChanges(client, workspaceId, options.delivery, sql`
    WITH customer AS (
      SELECT f.contact_id, ${wholeDaysSince(now, raw('f.lookback_last_at'))} AS days_since_last,
             f.lookback_orders AS order_count, f.lookback_spend AS total_spend
      FROM (${orderFacts(context, scope, options.facts)}) f WHERE f.lookback_orders > 0),
    scored AS (
      SELECT customer.contact_id, customer.days_since_last, customer.order_count, customer.total_spend,
             ${scores.recency} AS recency, ${scores.frequency} AS frequency, ${scores.monetary} AS monetary
      FROM customer),
    labelled AS (
      SELECT scored.*, ${model}::rfm_model AS model,
             ${rfmSegmentSql(raw('scored.recency'), raw('scored.frequency'), raw('scored.monetary'))} AS segment_label
      FROM scored),
    written AS (
      INSERT INTO rfm_score AS t (contact_id, workspace_id, model, recency, frequency, monetary, segment_label, days_since_last, order_count, total_spend, computed_at)
      SELECT l.contact_id, ${workspaceId}::uuid, l.model, l.recency, l.frequency, l.monetary, l.segment_label, l.days_since_last, l.order_count, l.total_spend, ${now}::timestamptz
      FROM labelled l LEFT JOIN rfm_score p ON p.contact_id = l.contact_id ${scopeFilter(scope, raw('p.contact_id'))}
      WHERE p.contact_id IS NULL OR ${columns('p')} IS DISTINCT FROM ${columns('l')}
      ON CONFLICT (contact_id) DO UPDATE SET
        workspace_id = EXCLUDED.workspace_id, model = EXCLUDED.model, recency = EXCLUDED.recency, frequency = EXCLUDED.frequency,
        monetary = EXCLUDED.monetary, segment_label = EXCLUDED.segment_label, days_since_last = EXCLUDED.days_since_last,
        order_count = EXCLUDED.order_count, total_spend = EXCLUDED.total_spend, computed_at = EXCLUDED.computed_at
      WHERE ${columns('t')} IS DISTINCT FROM ${columns('EXCLUDED')}
      RETURNING t.contact_id, t.segment_label, t.recency, t.frequency, t.monetary),
    removed AS (
      DELETE FROM rfm_score r
      WHERE r.workspace_id = ${workspaceId}::uuid ${scopeFilter(scope, raw('r.contact_id'))}
        AND NOT EXISTS (SELECT 1 FROM labelled l WHERE l.contact_id = r.contact_id)),
    moved AS (
      SELECT w.contact_id, p.segment_label AS from_label, w.segment_label AS to_label,
             ${combinedScoreOf('p')} AS from_score, ${combinedScoreOf('w')} AS to_score
      FROM written w LEFT JOIN rfm_score p ON p.contact_id = w.contact_id ${scopeFilter(scope, raw('p.contact_id'))}),
    changes AS (
      SELECT contact_id, 1 AS position, 'rfm.segment_changed' AS topic,
             jsonb_build_object('contactId', contact_id::text, 'from', from_label, 'to', to_label) AS payload
      FROM moved WHERE from_label IS DISTINCT FROM to_label
      UNION ALL
      SELECT contact_id, 2, 'score.changed',
             jsonb_build_object('contactId', contact_id::text, 'model', 'rfm', 'field', 'score', 'from', from_score, 'to', to_score)
      FROM moved WHERE from_score IS DISTINCT FROM to_score)`);
}

/** The R, F and M expressions over the `customer` row of rfmCustomers, for the settings' model. */
async function scoresOf(client: SqlClient, context: ScoringContext, scope: ContactScope): Promise<Record<'recency' | 'frequency' | 'monetary', Prisma.Sql>> {
  const days = raw('customer.days_since_last');
  const count = raw('customer.order_count');
  const spend = raw('customer.total_spend');
  if (context.settings.rfm.model === 'threshold') {
    return { recency: thresholdRecencyScore(days), frequency: thresholdFrequencyScore(count), monetary: thresholdMonetaryScore(spend) };
  }
  const boundaries = scope.kind === 'all' ? await computeRfmQuintileBoundaries(client, context) : await rfmQuintileBoundaries(client, context);
  return {
    recency: quintileScore(days, boundaries.recencyDays, 'lower'),
    frequency: quintileScore(count, boundaries.frequency, 'higher'),
    monetary: quintileScore(spend, boundaries.monetary, 'higher'),
  };
}
