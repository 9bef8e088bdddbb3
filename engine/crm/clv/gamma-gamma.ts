// The Gamma-Gamma model of spend per transaction: Fader, Hardie & Lee (2005), "RFM and CLV:
// Using Iso-Value Curves for Customer Base Analysis", Journal of Marketing Research 42(4),
// 415–430, in the form of Fader & Hardie's note "The Gamma-Gamma Model of Monetary Value"
// (2013).
//
// The story: each of a customer's transaction values is Gamma(p, ν) (shape p, rate ν), so
// their mean spend is p/ν; ν varies across customers as Gamma(q, γ). Only the number of
// repeat transactions x ≥ 1 and their average value z̄ are needed (the first purchase is left
// out, as in the papers, because it often differs systematically). The model assumes spend is
// independent of how often and how long a customer buys, which is what lets predict.ts
// multiply it with the BG/NBD. Spend is in any currency; time plays no part.
//
// Validated (test/engine/crm/clv/gamma-gamma.test.ts) against the note's fit to the 946
// CDNOW customers with at least one repeat purchase: p = 6.25, q = 3.74, γ = 15.44.
//
// Pure: no I/O, no Node built-ins.

import type { FitOptions, FitResult } from './bg-nbd';
import { minimizeFromStarts } from './nelder-mead';
import { logGamma } from './special-functions';

// Math's functions and the infinities are bound once at module level on purpose: inside a vm
// context (jest's test sandbox, Temporal's workflow sandbox) every global lookup such as
// `Math.log` goes through the context's interceptor and costs ~10x more in the hot loops.
const { abs, exp, log } = Math;
const { POSITIVE_INFINITY } = Number;

export interface SpendHistory {
  /** x: number of repeat transactions, an integer ≥ 1 (customers without repeat purchases carry no spend information here). */
  frequency: number;
  /** z̄: mean value of those repeat transactions, > 0. */
  averageSpend: number;
  /** How many customers share these values (a weight). Default 1. */
  count?: number;
}

export interface GammaGammaParameters {
  p: number;
  q: number;
  gamma: number;
}

/**
 * Sum over customers (weighted by `count`) of ln f(z̄ | x), the density of a customer's
 * observed average spend, as derived in the note:
 *
 *   f(z̄ | p, q, γ; x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q · x^{px} z̄^{px−1} / (γ + x z̄)^{px+q}.
 */
export function gammaGammaLogLikelihood(params: GammaGammaParameters, histories: readonly SpendHistory[]): number {
  assertValidParameters(params);
  histories.forEach(assertValidHistory);
  return logLikelihoodOf(params, prepare(histories));
}

/**
 * Maximum-likelihood fit over the logs of p, q and γ (so all stay positive), from a few
 * starting points whose implied population mean spend, pγ/(q−1), equals the sample's mean,
 * the best of them polished (see minimizeFromStarts). Deterministic. The fitted q may be ≤ 1 on
 * heavy-tailed data, in which case the population mean spend is infinite and
 * expectedAverageSpend refuses customers without repeat purchases.
 */
export function fitGammaGamma(histories: readonly SpendHistory[], options: FitOptions<GammaGammaParameters> = {}): FitResult<GammaGammaParameters> {
  histories.forEach(assertValidHistory);
  const data = prepare(histories);
  if (data.weight.length === 0) throw new RangeError('fitGammaGamma needs at least one customer with a positive count');
  const starts = options.startingPoints ?? defaultStartingPoints(histories);
  const shapeBound = log(options.maxShape ?? POSITIVE_INFINITY);
  const objective = (logParams: readonly number[]): number => {
    // Out there the likelihood is flat (the parameter is not identified); stop the search drifting.
    if (!logParams.every((value) => abs(value) <= LOG_PARAMETER_BOUND)) return POSITIVE_INFINITY;
    if (SHAPE_INDICES.some((index) => (logParams[index] ?? 0) > shapeBound)) return POSITIVE_INFINITY;
    return -logLikelihoodOf(fromLog(logParams), data);
  };
  const fit = minimizeFromStarts(objective, starts.map(toLog), { maxIterations: options.maxIterations });
  return {
    params: fromLog(fit.point),
    logLikelihood: -fit.value,
    iterations: fit.iterations,
    converged: fit.converged && fit.point.every((value) => abs(value) < LOG_PARAMETER_BOUND - 1),
  };
}

/**
 * E[M | p, q, γ; x, z̄], the expected value of this customer's future transactions (the note's
 * eq. (5)):
 *
 *   p (γ + x z̄) / (p x + q − 1)
 *     = [(q−1)/(px+q−1)] · pγ/(q−1)  +  [px/(px+q−1)] · z̄,
 *
 * a weighted average of the population mean pγ/(q−1) and the customer's own mean, leaning
 * more on the customer's own data the more transactions they have. With x = 0 there is
 * nothing to condition on and the result is the population mean (averageSpend is ignored).
 */
export function expectedAverageSpend(params: GammaGammaParameters, frequency: number, averageSpend: number): number {
  assertValidParameters(params);
  if (!(Number.isInteger(frequency) && frequency >= 0)) throw new RangeError(`frequency must be an integer ≥ 0, got ${frequency}`);
  const { p, q, gamma } = params;
  if (frequency === 0) {
    if (!(q > 1)) throw new RangeError(`the population mean spend pγ/(q−1) is infinite when q ≤ 1 (q = ${q})`);
    return (p * gamma) / (q - 1);
  }
  if (!(Number.isFinite(averageSpend) && averageSpend >= 0)) throw new RangeError(`averageSpend must be a finite number ≥ 0, got ${averageSpend}`);
  const denominator = p * frequency + q - 1;
  if (!(denominator > 0)) throw new RangeError(`expected spend is infinite when px + q ≤ 1 (p = ${p}, q = ${q}, x = ${frequency})`);
  return (p * (gamma + frequency * averageSpend)) / denominator;
}

// ---------------------------------------------------------------------------------------------
// Internals

/** |ln parameter| ≤ 25, i.e. parameters between ~1.4e-11 and ~7.2e10. */
const LOG_PARAMETER_BOUND = 25;

/** Histories in columns, with lnΓ-bearing terms computed once per distinct x. */
interface PreparedSpend {
  frequency: Float64Array;
  logSpend: Float64Array;
  spend: Float64Array;
  weight: Float64Array;
  frequencyIndex: Uint32Array;
  distinctFrequencies: Float64Array;
}

function prepare(histories: readonly SpendHistory[]): PreparedSpend {
  const rows = histories.filter((history) => (history.count ?? 1) > 0);
  const distinct = [...new Set(rows.map((row) => row.frequency))].sort((left, right) => left - right);
  const position = new Map(distinct.map((value, index) => [value, index]));
  return {
    frequency: Float64Array.from(rows, (row) => row.frequency),
    logSpend: Float64Array.from(rows, (row) => log(row.averageSpend)),
    spend: Float64Array.from(rows, (row) => row.averageSpend),
    weight: Float64Array.from(rows, (row) => row.count ?? 1),
    frequencyIndex: Uint32Array.from(rows, (row) => position.get(row.frequency) ?? 0),
    distinctFrequencies: Float64Array.from(distinct),
  };
}

function logLikelihoodOf(params: GammaGammaParameters, data: PreparedSpend): number {
  const { p, q, gamma } = params;
  const constant = q * log(gamma) - logGamma(q);
  // lnΓ(px+q) − lnΓ(px) + px·ln x, which depends on the customer only through x.
  const frequencyTerms = Float64Array.from(data.distinctFrequencies, (x) => logGamma(p * x + q) - logGamma(p * x) + p * x * log(x));
  let total = 0;
  for (let row = 0; row < data.weight.length; row += 1) {
    const x = data.frequency[row] ?? 0;
    const px = p * x;
    const density =
      (frequencyTerms[data.frequencyIndex[row] ?? 0] ?? 0) +
      constant +
      (px - 1) * (data.logSpend[row] ?? 0) -
      (px + q) * log(gamma + x * (data.spend[row] ?? 0));
    total += (data.weight[row] ?? 0) * density;
  }
  return total;
}

function defaultStartingPoints(histories: readonly SpendHistory[]): GammaGammaParameters[] {
  let weight = 0;
  let spend = 0;
  for (const { averageSpend, count = 1 } of histories) {
    weight += count;
    spend += count * averageSpend;
  }
  const mean = spend / weight;
  // γ chosen so that the implied population mean pγ/(q−1) equals the observed mean.
  return [
    { p: 1, q: 2, gamma: mean },
    { p: 5, q: 3, gamma: (2 * mean) / 5 },
    { p: 20, q: 10, gamma: (9 * mean) / 20 },
  ];
}

const toLog = (params: GammaGammaParameters): number[] => [params.p, params.q, params.gamma].map(log);
/** p and q; γ is a scale (currency). */
const SHAPE_INDICES = [0, 1] as const;

function fromLog(point: readonly number[]): GammaGammaParameters {
  const [p = 0, q = 0, gamma = 0] = point.map(exp);
  return { p, q, gamma };
}

function assertValidParameters(params: GammaGammaParameters): void {
  for (const [name, value] of Object.entries(params)) {
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`Gamma-Gamma parameter ${name} must be a finite number > 0, got ${String(value)}`);
  }
}

function assertValidHistory(history: SpendHistory): void {
  const { frequency, averageSpend, count = 1 } = history;
  if (!(Number.isInteger(frequency) && frequency >= 1)) {
    throw new RangeError(`Gamma-Gamma histories need frequency ≥ 1 (repeat purchases), got ${frequency}; leave out customers without repeat purchases`);
  }
  if (!(Number.isFinite(averageSpend) && averageSpend > 0)) throw new RangeError(`averageSpend must be a finite number > 0, got ${averageSpend}`);
  if (!(Number.isFinite(count) && count >= 0)) throw new RangeError(`count must be a finite number ≥ 0, got ${count}`);
}
