import { Prisma } from '../../../prisma/generated/client';
import type { CrmContext } from '../context';
import { orderFacts, type OrderFactsSource } from '../scores/order-facts';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';

/** One customer's orders, summarised the way CLV needs them (amounts in the workspace currency). */
export interface CustomerSummary {
  readonly contactId: string;
  readonly orders: number;
  readonly revenue: number;
  /** Cost of goods; the settings' default margin stands in for orders without a cost. */
  readonly cost: number;
  readonly firstAt: Date;
  readonly lastAt: Date;
  /** Mean of the purchases after the first (the Gamma-Gamma input); null with a single order. */
  readonly repeatAverage: number | null;
}

interface Row {
  contact_id: string;
  orders: number;
  revenue: number;
  cost: number;
  first_at: Date;
  last_at: Date;
  repeat_average: number | null;
}

/**
 * Order summaries of the customers in scope, one set-based query (paid and fulfilled orders
 * in the workspace currency, placed up to `now`). `sample` takes a deterministic sample of
 * that many customers (by a hash of the id) for model fitting.
 */
export async function customerSummaries(client: SqlClient, context: CrmContext, scope: ContactScope, sample?: number): Promise<CustomerSummary[]> {
  const margin = context.settings.clv.defaultMarginRate;
  const rows = await client.$queryRaw<Row[]>`
    SELECT o.contact_id::text AS contact_id,
           count(*)::int AS orders,
           sum(o.amount)::float8 AS revenue,
           sum(COALESCE(o.cost, o.amount * (1 - ${margin}::numeric)))::float8 AS cost,
           min(o.placed_at) AS first_at,
           max(o.placed_at) AS last_at,
           ((sum(o.amount) - (array_agg(o.amount ORDER BY o.placed_at, o.id))[1]) / NULLIF(count(*) - 1, 0))::float8 AS repeat_average
    FROM "order" o
    WHERE o.workspace_id = ${context.workspaceId}::uuid AND o.status IN ('paid', 'fulfilled') AND o.currency = ${context.currency}::bpchar
      AND o.placed_at <= ${context.now}::timestamptz ${scopeFilter(scope, Prisma.raw('o.contact_id'))}
    GROUP BY o.contact_id
    ${sample === undefined ? Prisma.empty : Prisma.sql`ORDER BY md5(o.contact_id::text) LIMIT ${sample}::int`}`;
  return rows.map(summaryOf);
}

/** The same summaries, from the order facts (a batch chunk's stored ones, or computed for the scope). */
export async function customerSummariesFromFacts(client: SqlClient, context: CrmContext, scope: ContactScope, facts: OrderFactsSource): Promise<CustomerSummary[]> {
  const rows = await client.$queryRaw<Row[]>`
    SELECT f.contact_id::text AS contact_id, f.order_count AS orders, f.revenue::float8 AS revenue, f.cost::float8 AS cost,
           f.first_at, f.last_at, ((f.revenue - f.first_amount) / NULLIF(f.order_count - 1, 0))::float8 AS repeat_average
    FROM (${orderFacts(context, scope, facts)}) f`;
  return rows.map(summaryOf);
}

function summaryOf(row: Row): CustomerSummary {
  return {
    contactId: row.contact_id,
    orders: row.orders,
    revenue: row.revenue,
    cost: row.cost,
    firstAt: row.first_at,
    lastAt: row.last_at,
    repeatAverage: row.repeat_average,
  };
}
