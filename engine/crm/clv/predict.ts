// Predictive customer lifetime value over a finite horizon, combining the BG/NBD (how many
// purchases) with the Gamma-Gamma model (how much each is worth), as in Fader, Hardie & Lee
// (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4).
//
//   value = E[purchases in the horizon] × E[spend per purchase] × margin rate
//
// Multiplying the two expectations is exact only because the Gamma-Gamma model assumes spend
// is independent of the purchase process; that assumption is the model's, not ours, and is
// worth checking on a workspace's data (correlation of x and z̄ near 0).
//
// Simplifications, on purpose:
//   - A finite horizon, not the papers' "discounted expected residual transactions" to
//     infinity: marketers act on 1–3 year values, and a finite horizon needs no assumption on
//     the far future.
//   - No discounting unless `discountRatePerPeriod` is given. With it, the horizon is cut into
//     whole periods of the time unit (weeks in the engine; the last period may be partial), the
//     purchases expected in period k, E[Y(k)] − E[Y(k−1)], are valued at the end of that period
//     and discounted by (1 + d)^k. The rate is per period of that unit: an annual 10% is a
//     weekly (1.10)^(1/52) − 1 ≈ 0.18%. This costs one BG/NBD expectation per period.
//
// Units: horizon is in the same time unit as the histories the BG/NBD was fitted on; spend in
// the currency the Gamma-Gamma model was fitted on. Validated in test/engine/crm/clv/predict.test.ts
// against the published CDNOW parameters (the worked example's 1.226 expected purchases).
//
// Pure: no I/O, no Node built-ins.

import { expectedPurchasesCurve, probabilityAlive, type BgNbdParameters, type CustomerHistory } from './bg-nbd';
import { expectedAverageSpend, type GammaGammaParameters } from './gamma-gamma';

export interface ClvInput {
  bgNbd: BgNbdParameters;
  gammaGamma: GammaGammaParameters;
  /** The customer's repeat-purchase history, in the BG/NBD's time unit. */
  history: CustomerHistory;
  /** Mean value of the customer's repeat purchases (ignored when they have none). */
  averageSpend: number;
  /** How far ahead to value the customer, in the BG/NBD's time unit. */
  horizon: number;
  /** Share of revenue kept as margin, between 0 and 1. */
  marginRate: number;
  /** Discount rate per period of the time unit (≥ 0); when absent, the value is not discounted. */
  discountRatePerPeriod?: number;
}

export interface ClvPrediction {
  /** E[Y(horizon) | history], undiscounted. */
  expectedPurchases: number;
  probabilityAlive: number;
  /** E[M | x, z̄] from the Gamma-Gamma model. */
  expectedAverageSpend: number;
  /** Expected margin over the horizon, discounted when a discount rate is given. */
  value: number;
}

/** Above this many periods the discounted sum is refused rather than quietly taking seconds. */
export const MAX_DISCOUNT_PERIODS = 10_000;

export function predictClv(input: ClvInput): ClvPrediction {
  const { bgNbd, gammaGamma, history, averageSpend, horizon, marginRate, discountRatePerPeriod } = input;
  if (!(Number.isFinite(marginRate) && marginRate >= 0 && marginRate <= 1)) {
    throw new RangeError(`marginRate must be between 0 and 1, got ${marginRate}`);
  }
  const purchasesBy = expectedPurchasesCurve(bgNbd, history);
  const purchases = purchasesBy(horizon);
  const spend = expectedAverageSpend(gammaGamma, history.frequency, averageSpend);
  const valuedPurchases = discountRatePerPeriod === undefined ? purchases : discountedOver(purchasesBy, horizon, discountRatePerPeriod);
  return {
    expectedPurchases: purchases,
    probabilityAlive: probabilityAlive(bgNbd, history),
    expectedAverageSpend: spend,
    value: valuedPurchases * spend * marginRate,
  };
}

/** Σ_k [E[Y(t_k)] − E[Y(t_{k−1})]] / (1+d)^k over period ends t_k = min(k, horizon). */
export function discountedPurchases(params: BgNbdParameters, history: CustomerHistory, horizon: number, ratePerPeriod: number): number {
  return discountedOver(expectedPurchasesCurve(params, history), horizon, ratePerPeriod);
}

function discountedOver(purchasesBy: (horizon: number) => number, horizon: number, ratePerPeriod: number): number {
  if (!(Number.isFinite(ratePerPeriod) && ratePerPeriod >= 0)) throw new RangeError(`discountRatePerPeriod must be a finite number ≥ 0, got ${ratePerPeriod}`);
  if (!(Number.isFinite(horizon) && horizon >= 0)) throw new RangeError(`horizon must be a finite number ≥ 0, got ${horizon}`);
  const periods = Math.ceil(horizon);
  if (periods > MAX_DISCOUNT_PERIODS) throw new RangeError(`a discounted horizon of ${periods} periods exceeds ${MAX_DISCOUNT_PERIODS}`);
  let total = 0;
  let previous = 0;
  for (let period = 1; period <= periods; period += 1) {
    const cumulative = purchasesBy(Math.min(period, horizon));
    total += (cumulative - previous) / (1 + ratePerPeriod) ** period;
    previous = cumulative;
  }
  return total;
}
