import { Prisma } from '../../../prisma/generated/client';
import type { ContactScope } from '../sql';
import type { ScoringContext } from '../scores/context';
import { countingOrders } from '../scores/counting-orders';
import { wholeDaysSince, withinDaysCutoff } from '../scores/days';

/**
 * The RFM inputs of the customers in scope, one row per contact with at least one counting
 * order within the lookback (settings.rfm.lookbackDays): whole days since the last such order,
 * their number and their total amount. Orders are read once, grouped by contact, over the
 * (contact_id, placed_at) index for a list of contacts or (workspace_id, placed_at) for all.
 *
 * Columns: contact_id uuid, days_since_last int, order_count int, total_spend numeric.
 */
export function rfmCustomers(context: ScoringContext, scope: ContactScope): Prisma.Sql {
  const lookbackStart = withinDaysCutoff(context.now, context.settings.rfm.lookbackDays);
  return Prisma.sql`
    SELECT o.contact_id,
           ${wholeDaysSince(context.now, Prisma.sql`max(o.placed_at)`)} AS days_since_last,
           count(*)::int AS order_count,
           sum(o.amount) AS total_spend
    FROM "order" o
    WHERE ${countingOrders(context, scope)} AND o.placed_at > ${lookbackStart}::timestamptz
    GROUP BY o.contact_id`;
}
