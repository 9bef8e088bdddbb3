import { Prisma } from '../../../prisma/generated/client';
import type { CrmChange } from '../changes/topics';
import { deliverChanges } from '../changes/delivery';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import type { ScoringContext } from './context';
import { wholeDaysSince } from './days';
import { orderFacts } from './order-facts';
import { contactScoring, type ScoringOptions } from './scoring-options';

// Customer health (0..100): a weighted blend of four components, each 0..100.
//
//   recency    = 100 × max(0, 1 − days since the last order / settings.lifecycle.churnedAfterDays)
//                (100 on the day of an order, 0 at the churn horizon)
//   frequency  = the order trend: 100 × recent / (recent + prior), where recent = orders in the
//                365 days before now and prior = orders in the 365 days before those. 50 = flat
//                (as many as the year before), 100 = all of them this year (growing, or new),
//                0 = none this year; 0 when neither year has an order.
//   engagement = the stored engagement score (0 without a row)
//   churn      = 100 × (1 − the stored churn probability); 50 without a row ("unknown")
//   score      = round(Σ weight × component / Σ weight)        (settings.health.weights, normalised;
//                0 when every weight is 0; exact decimals, half away from zero)
//   level      = excellent ≥ levels.excellent, good ≥ good, fair ≥ fair, poor ≥ poor, else critical
//
// Health is a CUSTOMER measure: contacts without a counting order get no row (their recency and
// trend would be 0 by definition and drag every prospect to "critical", which says nothing),
// and a row whose contact no longer has one is removed (reported as score.changed to null).
// Compute engagement and churn risk first: health reads their stored rows. Only rows whose
// values moved are written.

const { sql, raw } = Prisma;

export { HEALTH_TREND_PERIOD_DAYS } from './order-facts';

export async function computeHealth(client: SqlClient, context: ScoringContext, scope: ContactScope, options: ScoringOptions = contactScoring): Promise<CrmChange[]> {
  const { workspaceId, now, settings } = context;
  const { weights, levels } = settings.health;
  const weight = (name: keyof typeof weights) => sql`${weights[name]}::numeric`;
  const weightSum = sql`(${weight('recency')} + ${weight('frequency')} + ${weight('engagement')} + ${weight('churn')})`;

  return deliverChanges(client, workspaceId, options.delivery, sql`
    WITH history AS (
      SELECT f.contact_id, ${wholeDaysSince(now, raw('f.last_at'))} AS days_since_last, f.recent_orders, f.prior_orders
      FROM (${orderFacts(context, scope, options.facts)}) f),
    components AS (
      SELECT h.contact_id, h.days_since_last, h.recent_orders, h.prior_orders,
             100 * GREATEST(0, 1 - h.days_since_last::numeric / ${settings.lifecycle.churnedAfterDays}::numeric) AS recency,
             CASE WHEN h.recent_orders + h.prior_orders = 0 THEN 0
                  ELSE 100 * h.recent_orders::numeric / (h.recent_orders + h.prior_orders) END AS frequency,
             COALESCE(g.score, 0)::numeric AS engagement,
             100 * (1 - COALESCE(r.probability, 0.5)::numeric) AS churn,
             r.probability IS NULL AS churn_unknown
      FROM history h
      -- The scope is repeated on the joined tables so the planner reads only the scope's rows.
      LEFT JOIN engagement_score g ON g.contact_id = h.contact_id ${scopeFilter(scope, raw('g.contact_id'))}
      LEFT JOIN churn_risk_score r ON r.contact_id = h.contact_id ${scopeFilter(scope, raw('r.contact_id'))}),
    scored AS (
      SELECT components.*,
             COALESCE(round((${weight('recency')} * recency + ${weight('frequency')} * frequency
                             + ${weight('engagement')} * engagement + ${weight('churn')} * churn) / NULLIF(${weightSum}, 0)), 0)::int AS score
      FROM components),
    computed AS (
      SELECT contact_id, score,
             (CASE WHEN score >= ${levels.excellent}::int THEN 'excellent' WHEN score >= ${levels.good}::int THEN 'good'
                   WHEN score >= ${levels.fair}::int THEN 'fair' WHEN score >= ${levels.poor}::int THEN 'poor' ELSE 'critical' END)::health_level AS level,
             jsonb_build_object(
               'recency', round(recency, 2), 'frequency', round(frequency, 2), 'engagement', engagement, 'churn', round(churn, 2),
               'churnUnknown', churn_unknown, 'daysSinceLast', days_since_last,
               'ordersLast365Days', recent_orders, 'ordersPrior365Days', prior_orders,
               'weights', jsonb_build_object(
                 'recency', round(${weight('recency')} / NULLIF(${weightSum}, 0), 4), 'frequency', round(${weight('frequency')} / NULLIF(${weightSum}, 0), 4),
                 'engagement', round(${weight('engagement')} / NULLIF(${weightSum}, 0), 4), 'churn', round(${weight('churn')} / NULLIF(${weightSum}, 0), 4))) AS components
      FROM scored),
    written AS (
      INSERT INTO health_score AS t (contact_id, workspace_id, score, level, components, computed_at)
      SELECT c.contact_id, ${workspaceId}::uuid, c.score, c.level, c.components, ${now}::timestamptz
      FROM computed c LEFT JOIN health_score p ON p.contact_id = c.contact_id ${scopeFilter(scope, raw('p.contact_id'))}
      WHERE p.contact_id IS NULL OR (p.score, p.level, p.components) IS DISTINCT FROM (c.score, c.level, c.components)
      ON CONFLICT (contact_id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id, score = EXCLUDED.score, level = EXCLUDED.level,
        components = EXCLUDED.components, computed_at = EXCLUDED.computed_at
      WHERE (t.score, t.level, t.components) IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.level, EXCLUDED.components)
      RETURNING t.contact_id, t.score),
    removed AS (
      DELETE FROM health_score h
      WHERE h.workspace_id = ${workspaceId}::uuid ${scopeFilter(scope, raw('h.contact_id'))}
        AND NOT EXISTS (SELECT 1 FROM computed c WHERE c.contact_id = h.contact_id)
      RETURNING h.contact_id, h.score),
    moves AS (
      -- Every part of one statement reads the same snapshot: p is the row as it was before the write.
      SELECT w.contact_id, p.score AS from_value, w.score AS to_value
      FROM written w LEFT JOIN health_score p ON p.contact_id = w.contact_id ${scopeFilter(scope, raw('p.contact_id'))}
      UNION ALL
      SELECT contact_id, score, NULL FROM removed),
    changes AS (
      SELECT contact_id, 1 AS position, 'score.changed' AS topic,
             jsonb_build_object('contactId', contact_id::text, 'model', 'health', 'field', 'score', 'from', from_value, 'to', to_value) AS payload
      FROM moves WHERE from_value IS DISTINCT FROM to_value)`);
}
