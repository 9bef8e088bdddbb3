import { Prisma } from '../../../prisma/generated/client';
import type { CrmChange } from '../changes/topics';
import type { CrmContext } from '../context';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import { historyOf, MODEL_TIME_UNIT_DAYS, storedClvModels, type ClvModels } from './models';
import { predictClv } from './predict';
import { customerSummaries, type CustomerSummary } from './summary';

// Customer lifetime value, historical and predicted, for the customers in scope: one query
// reads their order summaries, the predictions are computed in memory (the hypergeometric
// function BG/NBD needs has no SQL equivalent), and one statement writes every row back and
// reports whose predicted value changed. Without fitted models (too little repeat business)
// the prediction falls back to the customer's own historical rate, and says so in `model`.

const DAY_MS = 86_400_000;

interface ClvRow {
  contact_id: string;
  historical_value: number;
  total_cost: number;
  profit: number;
  order_count: number;
  purchase_frequency: number;
  lifespan_days: number;
  average_order_value: number;
  predicted_value: number;
  expected_purchases: number | null;
  probability_alive: number | null;
  expected_order_value: number | null;
  margin_rate: number;
}

export async function computeClv(client: SqlClient, context: CrmContext, scope: ContactScope): Promise<CrmChange[]> {
  const models = await storedClvModels(client, context.workspaceId);
  const summaries = await customerSummaries(client, context, scope);
  const rows = summaries.map((summary) => clvRow(summary, context, models));
  const changed = await client.$queryRaw<{ contact_id: string; before: number | null; after: number }[]>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        contact_id uuid, historical_value numeric, total_cost numeric, profit numeric, order_count int, purchase_frequency float8,
        lifespan_days int, average_order_value numeric, predicted_value numeric, expected_purchases float8, probability_alive float8,
        expected_order_value numeric, margin_rate float8)),
    written AS (
      INSERT INTO clv_score (contact_id, workspace_id, historical_value, total_cost, profit, order_count, purchase_frequency, lifespan_days,
                             predicted_value, expected_purchases, probability_alive, expected_order_value, horizon_days, average_order_value,
                             margin_rate, currency, computed_at)
      SELECT contact_id, ${context.workspaceId}::uuid, round(historical_value, 2), round(total_cost, 2), round(profit, 2), order_count, purchase_frequency,
             lifespan_days, round(predicted_value, 2), expected_purchases, probability_alive, round(expected_order_value, 2),
             ${context.settings.clv.horizonDays}::int, round(average_order_value, 2), margin_rate, ${context.currency}::text, ${context.now}::timestamptz
      FROM input
      ON CONFLICT (contact_id) DO UPDATE SET
        historical_value = EXCLUDED.historical_value, total_cost = EXCLUDED.total_cost, profit = EXCLUDED.profit, order_count = EXCLUDED.order_count,
        purchase_frequency = EXCLUDED.purchase_frequency, lifespan_days = EXCLUDED.lifespan_days, predicted_value = EXCLUDED.predicted_value,
        expected_purchases = EXCLUDED.expected_purchases, probability_alive = EXCLUDED.probability_alive, expected_order_value = EXCLUDED.expected_order_value,
        horizon_days = EXCLUDED.horizon_days, average_order_value = EXCLUDED.average_order_value, margin_rate = EXCLUDED.margin_rate,
        currency = EXCLUDED.currency, computed_at = EXCLUDED.computed_at
      RETURNING contact_id, predicted_value)
    SELECT w.contact_id::text AS contact_id, p.predicted_value::float8 AS before, w.predicted_value::float8 AS after
    -- Every part of one statement reads the same snapshot: p is the row as it was before the write.
    FROM written w LEFT JOIN clv_score p ON p.contact_id = w.contact_id
    WHERE p.predicted_value IS NULL OR round(p.predicted_value) <> round(w.predicted_value)`;
  // Customers whose every counted order went away (refunds, currency change) have no CLV any more.
  await client.$executeRaw`
    DELETE FROM clv_score s WHERE s.workspace_id = ${context.workspaceId}::uuid ${scopeFilter(scope, Prisma.raw('s.contact_id'))}
      AND NOT (s.contact_id = ANY(${summaries.map((summary) => summary.contactId)}::uuid[]))`;
  return changed.map((row) => ({ topic: 'score.changed', contactId: row.contact_id, model: 'clv', field: 'predictedValue', from: row.before, to: row.after }));
}

function clvRow(summary: CustomerSummary, context: CrmContext, models: ClvModels | undefined): ClvRow {
  const { horizonDays, annualDiscountRate } = context.settings.clv;
  const profit = summary.revenue - summary.cost;
  const marginRate = summary.revenue > 0 ? Math.min(1, Math.max(0, profit / summary.revenue)) : context.settings.clv.defaultMarginRate;
  const lifespanDays = Math.floor((summary.lastAt.getTime() - summary.firstAt.getTime()) / DAY_MS);
  const yearsSinceFirst = Math.max(1 / 12, (context.now.getTime() - summary.firstAt.getTime()) / (365 * DAY_MS));
  const purchaseFrequency = summary.orders / yearsSinceFirst;
  const averageOrderValue = summary.revenue / summary.orders;
  const historical = {
    contact_id: summary.contactId,
    historical_value: summary.revenue,
    total_cost: summary.cost,
    profit,
    order_count: summary.orders,
    purchase_frequency: purchaseFrequency,
    lifespan_days: lifespanDays,
    average_order_value: averageOrderValue,
    margin_rate: marginRate,
  };
  // The customer's own yearly rate carried over the horizon: a documented fallback, not a model.
  const fallback = { ...historical, predicted_value: purchaseFrequency * (horizonDays / 365) * averageOrderValue * marginRate, expected_purchases: null, probability_alive: null, expected_order_value: null };
  if (!models) return fallback;
  const weeklyDiscount = annualDiscountRate > 0 ? (1 + annualDiscountRate) ** (MODEL_TIME_UNIT_DAYS / 365) - 1 : undefined;
  const prediction = predictSafely({
    bgNbd: models.bgNbd,
    gammaGamma: models.gammaGamma,
    history: historyOf(summary, context.now),
    averageSpend: summary.repeatAverage ?? 0,
    horizon: horizonDays / MODEL_TIME_UNIT_DAYS,
    marginRate,
    ...(weeklyDiscount === undefined ? {} : { discountRatePerPeriod: weeklyDiscount }),
  });
  if (!prediction) return fallback;
  return {
    ...historical,
    predicted_value: prediction.value,
    expected_purchases: prediction.expectedPurchases,
    probability_alive: prediction.probabilityAlive,
    expected_order_value: prediction.expectedAverageSpend,
  };
}

/** A customer far outside what the models were fitted on (a numerical range error) gets the fallback, not a failed batch. */
function predictSafely(input: Parameters<typeof predictClv>[0]): ReturnType<typeof predictClv> | undefined {
  try {
    const prediction = predictClv(input);
    return Number.isFinite(prediction.value) ? prediction : undefined;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
