import { Prisma } from '../../../prisma/generated/client';
import { deliverChanges } from '../changes/delivery';
import type { CrmChange } from '../changes/topics';
import type { CrmContext } from '../context';
import { contactScoring, type ScoringOptions } from '../scores/scoring-options';
import { scopeFilter, type ContactScope, type SqlClient } from '../sql';
import { historyOf, MODEL_TIME_UNIT_DAYS, storedClvModels, type ClvModels } from './models';
import { predictClv } from './predict';
import { packedColumn } from '../packed-column';
import { customerSummariesFromFacts, type CustomerSummary } from './summary';

// Customer lifetime value, historical and predicted, for the customers in scope: one query
// reads their order summaries (the order facts), the predictions are computed in memory (the
// hypergeometric function BG/NBD needs has no SQL equivalent), and one statement sends them
// back as one array per column, writes the rows whose values moved, removes the rows of
// customers without a counted order any more, and announces the predicted values that moved by
// at least a rounding unit. Without fitted models (too little repeat business) the prediction
// falls back to the customer's own historical rate, and says so in `model`.

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

/** The stored columns compared to decide whether a row moved (computed_at is when it last did). */
const STORED = [
  'historical_value', 'total_cost', 'profit', 'order_count', 'purchase_frequency', 'lifespan_days', 'predicted_value', 'expected_purchases',
  'probability_alive', 'expected_order_value', 'horizon_days', 'average_order_value', 'margin_rate', 'currency',
];
const storedColumns = (alias: string): Prisma.Sql => Prisma.raw(`(${STORED.map((name) => `${alias}.${name}`).join(', ')})`);

export async function computeClv(client: SqlClient, context: CrmContext, scope: ContactScope, options: ScoringOptions = contactScoring): Promise<CrmChange[]> {
  const models = await storedClvModels(client, context.workspaceId);
  const summaries = await customerSummariesFromFacts(client, context, scope, options.facts);
  const rows = summaries.map((summary) => clvRow(summary, context, models));
  const column = <K extends keyof ClvRow>(name: K): Prisma.Sql => packedColumn(rows.map((row) => row[name]));
  return deliverChanges(client, context.workspaceId, options.delivery, Prisma.sql`
    WITH input AS (
      SELECT * FROM unnest(
        ${column('contact_id')}::uuid[], ${column('historical_value')}::numeric[], ${column('total_cost')}::numeric[], ${column('profit')}::numeric[],
        ${column('order_count')}::int[], ${column('purchase_frequency')}::float8[], ${column('lifespan_days')}::int[], ${column('average_order_value')}::numeric[],
        ${column('predicted_value')}::numeric[], ${column('expected_purchases')}::float8[], ${column('probability_alive')}::float8[],
        ${column('expected_order_value')}::numeric[], ${column('margin_rate')}::float8[]
      ) AS r(contact_id, historical_value, total_cost, profit, order_count, purchase_frequency, lifespan_days, average_order_value,
             predicted_value, expected_purchases, probability_alive, expected_order_value, margin_rate)),
    computed AS (
      SELECT contact_id, round(historical_value, 2) AS historical_value, round(total_cost, 2) AS total_cost, round(profit, 2) AS profit,
             order_count, purchase_frequency, lifespan_days, round(predicted_value, 2) AS predicted_value, expected_purchases, probability_alive,
             round(expected_order_value, 2) AS expected_order_value, ${context.settings.clv.horizonDays}::int AS horizon_days,
             round(average_order_value, 2) AS average_order_value, margin_rate, ${context.currency}::bpchar AS currency
      FROM input),
    written AS (
      INSERT INTO clv_score AS t (contact_id, workspace_id, historical_value, total_cost, profit, order_count, purchase_frequency, lifespan_days,
                             predicted_value, expected_purchases, probability_alive, expected_order_value, horizon_days, average_order_value,
                             margin_rate, currency, computed_at)
      SELECT c.contact_id, ${context.workspaceId}::uuid, c.historical_value, c.total_cost, c.profit, c.order_count, c.purchase_frequency,
             c.lifespan_days, c.predicted_value, c.expected_purchases, c.probability_alive, c.expected_order_value,
             c.horizon_days, c.average_order_value, c.margin_rate, c.currency, ${context.now}::timestamptz
      FROM computed c LEFT JOIN clv_score p ON p.contact_id = c.contact_id ${scopeFilter(scope, Prisma.raw('p.contact_id'))}
      WHERE p.contact_id IS NULL OR ${storedColumns('p')} IS DISTINCT FROM ${storedColumns('c')}
      ON CONFLICT (contact_id) DO UPDATE SET
        historical_value = EXCLUDED.historical_value, total_cost = EXCLUDED.total_cost, profit = EXCLUDED.profit, order_count = EXCLUDED.order_count,
        purchase_frequency = EXCLUDED.purchase_frequency, lifespan_days = EXCLUDED.lifespan_days, predicted_value = EXCLUDED.predicted_value,
        expected_purchases = EXCLUDED.expected_purchases, probability_alive = EXCLUDED.probability_alive, expected_order_value = EXCLUDED.expected_order_value,
        horizon_days = EXCLUDED.horizon_days, average_order_value = EXCLUDED.average_order_value, margin_rate = EXCLUDED.margin_rate,
        currency = EXCLUDED.currency, computed_at = EXCLUDED.computed_at
      WHERE ${storedColumns('t')} IS DISTINCT FROM ${storedColumns('EXCLUDED')}
      RETURNING t.contact_id, t.predicted_value),
    -- Customers whose every counted order went away (refunds, currency change) have no CLV any more.
    removed AS (
      DELETE FROM clv_score s WHERE s.workspace_id = ${context.workspaceId}::uuid ${scopeFilter(scope, Prisma.raw('s.contact_id'))}
        AND NOT EXISTS (SELECT 1 FROM input i WHERE i.contact_id = s.contact_id)),
    changes AS (
      SELECT w.contact_id, 1 AS position, 'score.changed' AS topic,
             jsonb_build_object('contactId', w.contact_id::text, 'model', 'clv', 'field', 'predictedValue', 'from', p.predicted_value::float8, 'to', w.predicted_value::float8) AS payload
      -- Every part of one statement reads the same snapshot: p is the row as it was before the write.
      FROM written w LEFT JOIN clv_score p ON p.contact_id = w.contact_id ${scopeFilter(scope, Prisma.raw('p.contact_id'))}
      WHERE p.predicted_value IS NULL OR round(p.predicted_value) <> round(w.predicted_value))`);
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
