import { Prisma } from '../../../prisma/generated/client';
import type { CrmChange } from '../changes/topics';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import type { ScoringContext } from './context';
import { countingOrders } from './counting-orders';
import { exactlyDaysBefore, wholeDaysSince } from './days';
import { scoreChanges, type ScoreChangeRow } from './score-changes';

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
// Compute engagement and churn risk first: health reads their stored rows.

const { sql, raw } = Prisma;

/** Days in each of the two periods the frequency trend compares. */
export const HEALTH_TREND_PERIOD_DAYS = 365;

export async function computeHealth(client: SqlClient, context: ScoringContext, scope: ContactScope): Promise<CrmChange[]> {
  const { workspaceId, now, settings } = context;
  const { weights, levels } = settings.health;
  const recentStart = exactlyDaysBefore(now, HEALTH_TREND_PERIOD_DAYS);
  const priorStart = exactlyDaysBefore(now, 2 * HEALTH_TREND_PERIOD_DAYS);
  const weight = (name: keyof typeof weights) => sql`${weights[name]}::numeric`;
  const weightSum = sql`(${weight('recency')} + ${weight('frequency')} + ${weight('engagement')} + ${weight('churn')})`;

  const rows = await client.$queryRaw<ScoreChangeRow[]>(sql`
    WITH history AS (
      SELECT o.contact_id,
             ${wholeDaysSince(now, sql`max(o.placed_at)`)} AS days_since_last,
             (count(*) FILTER (WHERE o.placed_at > ${recentStart}::timestamptz))::int AS recent_orders,
             (count(*) FILTER (WHERE o.placed_at <= ${recentStart}::timestamptz AND o.placed_at > ${priorStart}::timestamptz))::int AS prior_orders
      FROM "order" o WHERE ${countingOrders(context, scope)}
      GROUP BY o.contact_id),
    components AS (
      SELECT h.contact_id, h.days_since_last, h.recent_orders, h.prior_orders,
             100 * GREATEST(0, 1 - h.days_since_last::numeric / ${settings.lifecycle.churnedAfterDays}::numeric) AS recency,
             CASE WHEN h.recent_orders + h.prior_orders = 0 THEN 0
                  ELSE 100 * h.recent_orders::numeric / (h.recent_orders + h.prior_orders) END AS frequency,
             COALESCE(g.score, 0)::numeric AS engagement,
             100 * (1 - COALESCE(r.probability, 0.5)::numeric) AS churn,
             r.probability IS NULL AS churn_unknown
      FROM history h
      -- The scope is repeated on the joined tables so the planner reads only the chunk's rows.
      LEFT JOIN engagement_score g ON g.contact_id = h.contact_id ${scopeFilter(scope, raw('g.contact_id'))}
      LEFT JOIN churn_risk_score r ON r.contact_id = h.contact_id ${scopeFilter(scope, raw('r.contact_id'))}),
    scored AS (
      SELECT components.*,
             COALESCE(round((${weight('recency')} * recency + ${weight('frequency')} * frequency
                             + ${weight('engagement')} * engagement + ${weight('churn')} * churn) / NULLIF(${weightSum}, 0)), 0)::int AS score
      FROM components),
    levelled AS (
      SELECT scored.*,
             CASE WHEN score >= ${levels.excellent}::int THEN 'excellent' WHEN score >= ${levels.good}::int THEN 'good'
                  WHEN score >= ${levels.fair}::int THEN 'fair' WHEN score >= ${levels.poor}::int THEN 'poor' ELSE 'critical' END AS level
      FROM scored),
    written AS (
      INSERT INTO health_score (contact_id, workspace_id, score, level, components, computed_at)
      SELECT contact_id, ${workspaceId}::uuid, score, level::health_level,
             jsonb_build_object(
               'recency', round(recency, 2), 'frequency', round(frequency, 2), 'engagement', engagement, 'churn', round(churn, 2),
               'churnUnknown', churn_unknown, 'daysSinceLast', days_since_last,
               'ordersLast365Days', recent_orders, 'ordersPrior365Days', prior_orders,
               'weights', jsonb_build_object(
                 'recency', round(${weight('recency')} / NULLIF(${weightSum}, 0), 4), 'frequency', round(${weight('frequency')} / NULLIF(${weightSum}, 0), 4),
                 'engagement', round(${weight('engagement')} / NULLIF(${weightSum}, 0), 4), 'churn', round(${weight('churn')} / NULLIF(${weightSum}, 0), 4))),
             ${now}::timestamptz
      FROM levelled
      ON CONFLICT (contact_id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id, score = EXCLUDED.score, level = EXCLUDED.level,
        components = EXCLUDED.components, computed_at = EXCLUDED.computed_at),
    removed AS (
      DELETE FROM health_score h
      WHERE h.workspace_id = ${workspaceId}::uuid ${scopeFilter(scope, raw('h.contact_id'))}
        AND NOT EXISTS (SELECT 1 FROM "order" o WHERE o.contact_id = h.contact_id AND ${countingOrders(context, scope)})
      RETURNING h.contact_id, h.score),
    moves AS (
      SELECT l.contact_id, p.score AS from_value, l.score AS to_value
      FROM levelled l LEFT JOIN health_score p ON p.contact_id = l.contact_id
      UNION ALL
      SELECT contact_id, score, NULL FROM removed)
    SELECT contact_id::text AS contact_id, from_value, to_value FROM moves
    WHERE from_value IS DISTINCT FROM to_value
    ORDER BY contact_id`);
  return scoreChanges('health', 'score', rows);
}
