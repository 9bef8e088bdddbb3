import { Prisma } from '../../../prisma/generated/client';
import type { ContactScope } from '../sql';
import type { ScoringContext } from './context';
import { countingOrders } from './counting-orders';
import { exactDaysSince, exactlyDaysBefore, withinDaysCutoff } from './days';
import { ENGAGEMENT_COUNT_DAYS, engagementWindowDays } from './engagement-window';

// Everything the scores and stages read from a contact's orders, in one row per contact with
// at least one counting order (counting-orders.ts): every score that reads orders reads these
// columns, so a batch chunk reads the orders once for all of them instead of once per score.
//
//   order_count, revenue, cost         counting orders, their amounts, their cost (the default
//                                      margin standing in for orders without one)
//   first_at, last_at, previous_at     the first, the last and the one before the last order
//                                      (orders ordered by placed_at, then id)
//   first_amount                       the first order's amount (CLV's repeat average leaves it out)
//   lookback_orders, lookback_spend,   orders within settings.rfm.lookbackDays (RFM)
//   lookback_last_at
//   recent_orders, prior_orders        orders in the last 365 days and the 365 before (health)
//   purchase_points, purchases_90d,    decayed purchases within the engagement window, their
//   purchase_last_at                   number in the last 90 days, the latest (engagement)

const { sql, raw } = Prisma;

/** Days in each of the two periods the health frequency trend compares. */
export const HEALTH_TREND_PERIOD_DAYS = 365;

/**
 * Where score statements read the order facts from: computed inline for their scope (a
 * contact change: a handful of orders), or a table the batch chunk filled once for its range.
 */
export type OrderFactsSource = { readonly kind: 'inline' } | { readonly kind: 'table'; readonly table: string };

export const inlineOrderFacts: OrderFactsSource = { kind: 'inline' };

/** The facts' columns, for a table that holds them. */
export const ORDER_FACTS_COLUMNS = `contact_id uuid PRIMARY KEY, order_count int NOT NULL, revenue numeric NOT NULL, cost numeric NOT NULL,
  first_at timestamptz NOT NULL, last_at timestamptz NOT NULL, previous_at timestamptz, first_amount numeric NOT NULL,
  lookback_orders int NOT NULL, lookback_spend numeric, lookback_last_at timestamptz,
  recent_orders int NOT NULL, prior_orders int NOT NULL,
  purchase_points float8, purchases_90d int NOT NULL, purchase_last_at timestamptz`;

/** The facts of the contacts in scope as a query (a CTE body): read from the source's table, or computed. */
export function orderFacts(context: ScoringContext, scope: ContactScope, source: OrderFactsSource): Prisma.Sql {
  return source.kind === 'table' ? sql`SELECT * FROM ${raw(source.table)}` : orderFactsQuery(context, scope);
}

/**
 * One pass over the counting orders of the scope. The first order's amount and the one before
 * the last need the orders in sequence: one window over (contact, placed_at, id) numbers them,
 * and the aggregate picks positions 1 and n − 1.
 */
export function orderFactsQuery(context: ScoringContext, scope: ContactScope): Prisma.Sql {
  const { now, settings } = context;
  const margin = settings.clv.defaultMarginRate;
  const lookbackStart = withinDaysCutoff(now, settings.rfm.lookbackDays);
  const recentStart = exactlyDaysBefore(now, HEALTH_TREND_PERIOD_DAYS);
  const priorStart = exactlyDaysBefore(now, 2 * HEALTH_TREND_PERIOD_DAYS);
  const { halfLifeDays } = settings.engagement;
  const windowStart = withinDaysCutoff(now, engagementWindowDays(halfLifeDays));
  const countStart = withinDaysCutoff(now, ENGAGEMENT_COUNT_DAYS);
  const inWindow = sql`o.placed_at > ${windowStart}::timestamptz`;
  return sql`
    SELECT o.contact_id,
           count(*)::int AS order_count,
           sum(o.amount) AS revenue,
           sum(COALESCE(o.cost, o.amount * (1 - ${margin}::numeric))) AS cost,
           min(o.placed_at) AS first_at,
           max(o.placed_at) AS last_at,
           max(o.placed_at) FILTER (WHERE o.position = o.orders - 1) AS previous_at,
           max(o.amount) FILTER (WHERE o.position = 1) AS first_amount,
           (count(*) FILTER (WHERE o.placed_at > ${lookbackStart}::timestamptz))::int AS lookback_orders,
           sum(o.amount) FILTER (WHERE o.placed_at > ${lookbackStart}::timestamptz) AS lookback_spend,
           max(o.placed_at) FILTER (WHERE o.placed_at > ${lookbackStart}::timestamptz) AS lookback_last_at,
           (count(*) FILTER (WHERE o.placed_at > ${recentStart}::timestamptz))::int AS recent_orders,
           (count(*) FILTER (WHERE o.placed_at <= ${recentStart}::timestamptz AND o.placed_at > ${priorStart}::timestamptz))::int AS prior_orders,
           sum(power(0.5::float8, ${exactDaysSince(now, raw('o.placed_at'))} / ${halfLifeDays}::float8)) FILTER (WHERE ${inWindow}) AS purchase_points,
           (count(*) FILTER (WHERE ${inWindow} AND o.placed_at > ${countStart}::timestamptz))::int AS purchases_90d,
           max(o.placed_at) FILTER (WHERE ${inWindow}) AS purchase_last_at
    FROM (SELECT o.contact_id, o.amount, o.cost, o.placed_at,
                 row_number() OVER (PARTITION BY o.contact_id ORDER BY o.placed_at, o.id) AS position,
                 count(*) OVER (PARTITION BY o.contact_id) AS orders
          FROM "order" o WHERE ${countingOrders(context, scope)}) o
    GROUP BY o.contact_id`;
}
