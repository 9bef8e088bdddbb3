import { Prisma } from '../../../prisma/generated/client';
import type { CrmChange } from '../changes/topics';
import { deliverChanges } from '../changes/delivery';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import type { ScoringContext } from './context';
import { exactDaysBetween, wholeDaysSince } from './days';
import { orderFacts } from './order-facts';
import { contactScoring, type ScoringOptions } from './scoring-options';

// Churn risk: how overdue a customer is against their OWN buying rhythm, as a probability.
//
//   n        = counting orders ever (paid/fulfilled, workspace currency, placed by now)
//   interval = n ≥ 2: (last order − first order) / (n − 1) in days, at least 1 day
//              n = 1: settings.churn.defaultIntervalDays (90)
//   ratio    = whole days since the last order / interval      (1 = the next order is due today)
//   k        = 1 + (min(n, 5) − 1) / 4                         (1 for one order … 2 from five orders)
//   p        = 1 − 2^(−(ratio / 1.5)^k)
//
// p is 0 right after an order, exactly 0.5 at one and a half intervals overdue for everybody,
// and tends to 1 as the gap grows: bounded in [0, 1) and increasing in the ratio. The shape k
// is the confidence: a rhythm seen over many orders makes the verdict sharper, so at the same
// ratio more orders give a LOWER risk before the 1.5 point (they are clearly on schedule) and
// a HIGHER one after it (they clearly broke their habit); a single order gives the gentlest
// curve. The 1-day floor keeps same-day repeat orders from dividing by zero.
//
//   examples: one order 90 days ago (ratio 1, k 1)        → p = 1 − 2^(−2/3)  ≈ 0.370 (low)
//             five orders 30 days apart, last 60 days ago → p = 1 − 2^(−16/9) ≈ 0.708 (high)
//
// Band: high when p ≥ settings.churn.highAt, medium when p ≥ mediumAt, else low. Contacts with
// no counting order get no row (a removed row is reported as score.changed to null). Only rows
// whose values moved are written; change detection compares p rounded to 3 decimals, so float
// noise never makes an event.

const { sql, raw } = Prisma;

/** Recorded in `factors.formula`: bump it when the formula changes so stored rows tell. */
export const CHURN_FORMULA_VERSION = 'overdue-ratio-v1';
/** The overdue ratio at which the risk is one half. */
export const CHURN_HALF_RISK_RATIO = 1.5;
/** From this many orders on, the shape (confidence) stops growing. */
export const CHURN_FULL_CONFIDENCE_ORDERS = 5;

/** The same formula in TypeScript (tests, documentation). */
export function churnProbabilityOf(daysSinceLast: number, orderCount: number, intervalDays: number): number {
  const ratio = daysSinceLast / Math.max(1, intervalDays);
  const shape = 1 + (Math.min(orderCount, CHURN_FULL_CONFIDENCE_ORDERS) - 1) / (CHURN_FULL_CONFIDENCE_ORDERS - 1);
  return 1 - 2 ** -((ratio / CHURN_HALF_RISK_RATIO) ** shape);
}

export async function computeChurnRisk(client: SqlClient, context: ScoringContext, scope: ContactScope, options: ScoringOptions = contactScoring): Promise<CrmChange[]> {
  const { workspaceId, now, settings } = context;
  return deliverChanges(client, workspaceId, options.delivery, sql`
    WITH history AS (
      SELECT f.contact_id, f.order_count,
             ${wholeDaysSince(now, raw('f.last_at'))} AS days_since_last,
             ${exactDaysBetween(raw('f.last_at'), raw('f.first_at'))} AS span_days
      FROM (${orderFacts(context, scope, options.facts)}) f),
    rhythm AS (
      SELECT contact_id, order_count, days_since_last,
             CASE WHEN order_count >= 2 THEN GREATEST(1, span_days / (order_count - 1)) ELSE ${settings.churn.defaultIntervalDays}::float8 END AS interval_days,
             1 + (LEAST(order_count, ${CHURN_FULL_CONFIDENCE_ORDERS}::int) - 1)::float8 / ${CHURN_FULL_CONFIDENCE_ORDERS - 1}::float8 AS shape
      FROM history),
    rated AS (
      SELECT rhythm.*, days_since_last / interval_days AS overdue_ratio FROM rhythm),
    scored AS (
      -- The exponent is capped at 1000 (2^-1000 is already 0 next to 1): Postgres raises an
      -- underflow error instead of returning 0 for far smaller powers, e.g. same-day orders
      -- (1-day interval) followed by years of silence.
      SELECT rated.*, 1 - power(2::float8, -LEAST(power(overdue_ratio / ${CHURN_HALF_RISK_RATIO}::float8, shape), 1000)) AS probability FROM rated),
    computed AS (
      SELECT contact_id, probability,
             (CASE WHEN probability >= ${settings.churn.highAt}::float8 THEN 'high'
                   WHEN probability >= ${settings.churn.mediumAt}::float8 THEN 'medium' ELSE 'low' END)::risk_band AS band,
             jsonb_build_object(
               'daysSinceLast', days_since_last,
               'averageIntervalDays', round(interval_days::numeric, 2),
               'intervalSource', CASE WHEN order_count >= 2 THEN 'own' ELSE 'default' END,
               'overdueRatio', round(overdue_ratio::numeric, 3),
               'orderCount', order_count,
               'shape', round(shape::numeric, 2),
               'formula', ${CHURN_FORMULA_VERSION}::text) AS factors
      FROM scored),
    written AS (
      INSERT INTO churn_risk_score AS t (contact_id, workspace_id, probability, band, factors, computed_at)
      SELECT c.contact_id, ${workspaceId}::uuid, c.probability, c.band, c.factors, ${now}::timestamptz
      FROM computed c LEFT JOIN churn_risk_score p ON p.contact_id = c.contact_id ${scopeFilter(scope, raw('p.contact_id'))}
      WHERE p.contact_id IS NULL OR (p.probability, p.band, p.factors) IS DISTINCT FROM (c.probability, c.band, c.factors)
      ON CONFLICT (contact_id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id, probability = EXCLUDED.probability,
        band = EXCLUDED.band, factors = EXCLUDED.factors, computed_at = EXCLUDED.computed_at
      WHERE (t.probability, t.band, t.factors) IS DISTINCT FROM (EXCLUDED.probability, EXCLUDED.band, EXCLUDED.factors)
      RETURNING t.contact_id, t.probability),
    removed AS (
      DELETE FROM churn_risk_score r
      WHERE r.workspace_id = ${workspaceId}::uuid ${scopeFilter(scope, raw('r.contact_id'))}
        AND NOT EXISTS (SELECT 1 FROM computed c WHERE c.contact_id = r.contact_id)
      RETURNING r.contact_id, r.probability),
    moves AS (
      -- Every part of one statement reads the same snapshot: p is the row as it was before the write.
      SELECT w.contact_id, round(p.probability::numeric, 3)::float8 AS from_value, round(w.probability::numeric, 3)::float8 AS to_value
      FROM written w LEFT JOIN churn_risk_score p ON p.contact_id = w.contact_id ${scopeFilter(scope, raw('p.contact_id'))}
      UNION ALL
      SELECT contact_id, round(probability::numeric, 3)::float8, NULL FROM removed),
    changes AS (
      SELECT contact_id, 1 AS position, 'score.changed' AS topic,
             jsonb_build_object('contactId', contact_id::text, 'model', 'churn_risk', 'field', 'probability', 'from', from_value, 'to', to_value) AS payload
      FROM moves WHERE from_value IS DISTINCT FROM to_value)`);
}
