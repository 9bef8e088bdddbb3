import { Prisma } from '../../../prisma/generated/client';
import type { CrmChange } from '../changes/topics';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import type { ScoringContext } from '../scores/context';
import { countingOrders } from '../scores/counting-orders';
import { withinDaysCutoff } from '../scores/days';
import { rfmCustomers } from './customers';
import { computeRfmQuintileBoundaries, quintileScore, rfmQuintileBoundaries } from './quintile';
import { rfmSegmentSql } from './segments';
import { thresholdFrequencyScore, thresholdMonetaryScore, thresholdRecencyScore } from './threshold';

// RFM scores of the contacts in scope, in one statement: aggregate the counting orders within
// the lookback per contact, score R, F and M with the workspace's model (settings.rfm.model),
// label the segment, upsert rfm_score, delete the rows of contacts who no longer have a
// counting order in the lookback (silently: rfm.segment_changed has no "to nothing"), and
// return the contacts whose label or scores moved, compared with the rows as they were
// before the statement: every part of one statement sees the same snapshot, so the final
// SELECT reads rfm_score as it was, by primary key, while the INSERT rewrites it.
// (Joining the score table, not a CTE of it, keeps the comparison an index lookup whatever
// the planner estimates; the same holds for the NOT EXISTS probe of the orders.)
//
// The quintile model scores against workspace-wide boundaries: a run over all contacts
// recomputes and stores them first; a run over some contacts reuses the stored ones.

const { sql, raw } = Prisma;

interface RfmChangeRow {
  contact_id: string;
  from_label: string | null;
  to_label: string;
  from_score: number | null;
  to_score: number;
}

/** R·100 + F·10 + M: the one number score.changed carries for RFM (555 is the best). */
export const rfmCombinedScore = (recency: number, frequency: number, monetary: number): number => recency * 100 + frequency * 10 + monetary;

/** The same number in SQL, over a row alias with recency, frequency and monetary columns. */
const combinedScoreOf = (alias: 'p' | 'l'): Prisma.Sql => raw(`(${alias}.recency * 100 + ${alias}.frequency * 10 + ${alias}.monetary)::int`);

export async function computeRfm(client: SqlClient, context: ScoringContext, scope: ContactScope): Promise<CrmChange[]> {
  const { workspaceId, now } = context;
  const model = context.settings.rfm.model;
  const scores = await scoresOf(client, context, scope);
  const lookbackStart = withinDaysCutoff(now, context.settings.rfm.lookbackDays);
  const rows = await client.$queryRaw<RfmChangeRow[]>(sql`
    WITH customers AS (${rfmCustomers(context, scope)}),
    scored AS (
      SELECT customer.contact_id, customer.days_since_last, customer.order_count, customer.total_spend,
             ${scores.recency} AS recency, ${scores.frequency} AS frequency, ${scores.monetary} AS monetary
      FROM customers customer),
    labelled AS (
      SELECT scored.*, ${rfmSegmentSql(raw('scored.recency'), raw('scored.frequency'), raw('scored.monetary'))} AS segment_label
      FROM scored),
    written AS (
      INSERT INTO rfm_score (contact_id, workspace_id, model, recency, frequency, monetary, segment_label, days_since_last, order_count, total_spend, computed_at)
      SELECT contact_id, ${workspaceId}::uuid, ${model}::rfm_model, recency, frequency, monetary, segment_label, days_since_last, order_count, total_spend, ${now}::timestamptz
      FROM labelled
      ON CONFLICT (contact_id) DO UPDATE SET
        workspace_id = EXCLUDED.workspace_id, model = EXCLUDED.model, recency = EXCLUDED.recency, frequency = EXCLUDED.frequency,
        monetary = EXCLUDED.monetary, segment_label = EXCLUDED.segment_label, days_since_last = EXCLUDED.days_since_last,
        order_count = EXCLUDED.order_count, total_spend = EXCLUDED.total_spend, computed_at = EXCLUDED.computed_at),
    removed AS (
      DELETE FROM rfm_score r
      WHERE r.workspace_id = ${workspaceId}::uuid ${scopeFilter(scope, raw('r.contact_id'))}
        AND NOT EXISTS (SELECT 1 FROM "order" o WHERE o.contact_id = r.contact_id AND ${countingOrders(context, scope)} AND o.placed_at > ${lookbackStart}::timestamptz))
    SELECT l.contact_id::text AS contact_id,
           p.segment_label AS from_label, l.segment_label AS to_label,
           ${combinedScoreOf('p')} AS from_score, ${combinedScoreOf('l')} AS to_score
    FROM labelled l LEFT JOIN rfm_score p ON p.contact_id = l.contact_id
    WHERE p.contact_id IS NULL OR p.segment_label <> l.segment_label
       OR p.recency <> l.recency OR p.frequency <> l.frequency OR p.monetary <> l.monetary
    ORDER BY l.contact_id`);
  return rows.flatMap((row): CrmChange[] => [
    ...(row.from_label === row.to_label ? [] : [{ topic: 'rfm.segment_changed' as const, contactId: row.contact_id, from: row.from_label, to: row.to_label }]),
    ...(row.from_score === row.to_score ? [] : [{ topic: 'score.changed' as const, contactId: row.contact_id, model: 'rfm' as const, field: 'score', from: row.from_score, to: row.to_score }]),
  ]);
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
