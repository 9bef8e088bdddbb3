import { Prisma } from '../../../prisma/generated/client';

// The threshold RFM model: fixed bands, the same for every workspace, so a score means the same
// thing everywhere and one contact can be scored without looking at anybody else.
//
//   score | recency (days since last order) | frequency (orders in lookback) | monetary (spend in lookback)
//   ------+---------------------------------+-------------------------------+-----------------------------
//     5   | 0–30                            | 10 or more                    | 5000 or more
//     4   | 31–60                           | 7–9                           | 2500–4999.99
//     3   | 61–90                           | 4–6                           | 1000–2499.99
//     2   | 91–180                          | 2–3                           | 500–999.99
//     1   | over 180                        | 1                             | under 500
//
// Frequency and monetary count the orders within the lookback (settings.rfm.lookbackDays);
// money is in the workspace currency. The bands below are the single source: the SQL CASE
// expressions are generated from them, and the README table is printed from them.

const { sql, join } = Prisma;

export type RfmScore = 1 | 2 | 3 | 4 | 5;

/** Recency bands, best first: the score when days since the last order ≤ maxDays (null: any). */
export const RECENCY_BANDS: readonly { readonly score: RfmScore; readonly maxDays: number | null }[] = [
  { score: 5, maxDays: 30 },
  { score: 4, maxDays: 60 },
  { score: 3, maxDays: 90 },
  { score: 2, maxDays: 180 },
  { score: 1, maxDays: null },
];

/** Frequency bands, best first: the score when the order count ≥ minOrders. */
export const FREQUENCY_BANDS: readonly { readonly score: RfmScore; readonly minOrders: number }[] = [
  { score: 5, minOrders: 10 },
  { score: 4, minOrders: 7 },
  { score: 3, minOrders: 4 },
  { score: 2, minOrders: 2 },
  { score: 1, minOrders: 1 },
];

/** Monetary bands, best first: the score when the spend ≥ minSpend (workspace currency). */
export const MONETARY_BANDS: readonly { readonly score: RfmScore; readonly minSpend: number }[] = [
  { score: 5, minSpend: 5000 },
  { score: 4, minSpend: 2500 },
  { score: 3, minSpend: 1000 },
  { score: 2, minSpend: 500 },
  { score: 1, minSpend: 0 },
];

/** Recency score of an int expression of whole days since the last counting order. */
export function thresholdRecencyScore(daysSinceLast: Prisma.Sql): Prisma.Sql {
  const bounded = RECENCY_BANDS.flatMap((band) => (band.maxDays === null ? [] : [sql`WHEN ${daysSinceLast} <= ${band.maxDays}::int THEN ${band.score}::int`]));
  return sql`(CASE ${join(bounded, ' ')} ELSE ${lowest(RECENCY_BANDS)}::int END)`;
}

/** Frequency score of an int expression of the number of orders in the lookback (≥ 1). */
export function thresholdFrequencyScore(orderCount: Prisma.Sql): Prisma.Sql {
  const bands = FREQUENCY_BANDS.slice(0, -1).map((band) => sql`WHEN ${orderCount} >= ${band.minOrders}::int THEN ${band.score}::int`);
  return sql`(CASE ${join(bands, ' ')} ELSE ${lowest(FREQUENCY_BANDS)}::int END)`;
}

/** Monetary score of a numeric expression of the spend in the lookback. */
export function thresholdMonetaryScore(spend: Prisma.Sql): Prisma.Sql {
  const bands = MONETARY_BANDS.slice(0, -1).map((band) => sql`WHEN ${spend} >= ${band.minSpend}::numeric THEN ${band.score}::int`);
  return sql`(CASE ${join(bands, ' ')} ELSE ${lowest(MONETARY_BANDS)}::int END)`;
}

function lowest(bands: readonly { readonly score: RfmScore }[]): RfmScore {
  return bands[bands.length - 1]?.score ?? 1;
}
