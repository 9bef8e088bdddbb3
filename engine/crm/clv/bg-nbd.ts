// The BG/NBD ("beta-geometric / negative binomial distribution") model of repeat purchasing:
// Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way: An Alternative to the
// Pareto/NBD Model", Marketing Science 24(2), 275–284.
//
// The story the model tells about each customer, from their first purchase on:
//   - while active, they buy as a Poisson process with rate λ;
//   - after each purchase they become inactive for good with probability p;
//   - λ varies across customers as Gamma(r, α) (shape r, rate α), p as Beta(a, b).
// It only needs each customer's "RFM" summary: x repeat purchases, the time t_x of the last one
// and the age T, both measured from the first purchase. Any time unit works as long as it is
// the same everywhere (α and every horizon are in that unit); the engine uses weeks.
//
// Validated (test/engine/crm/clv/bg-nbd.test.ts) against the paper's CDNOW results: on the
// 2,357-customer sample, r = 0.243, α = 4.414, a = 0.793, b = 2.426 and log-likelihood
// −9,582.4; and the paper's worked example (x = 2, t_x = 30.43, T = 38.86 weeks → 1.226
// expected purchases in the next 39 weeks).
//
// Pure: no I/O, no Node built-ins.

import { logGamma, logSumExp, sumHypergeometricTerms } from './special-functions';
import { minimizeFromStarts } from './nelder-mead';

// Math's functions and the infinities are bound once at module level on purpose: inside a vm
// context (jest's test sandbox, Temporal's workflow sandbox) every global lookup such as
// `Math.log` goes through the context's interceptor and costs ~10x more in the hot loops.
const { abs, exp, expm1, log, log1p, max } = Math;
const { NEGATIVE_INFINITY, POSITIVE_INFINITY } = Number;

export interface CustomerHistory {
  /** x: number of repeat purchases (purchases after the first), a non-negative integer. */
  frequency: number;
  /** t_x: time of the last purchase since the first (0 when frequency is 0; ignored then). */
  recency: number;
  /** T: time since the first purchase, at least `recency`. */
  age: number;
  /** How many customers share these values (a weight). Default 1. */
  count?: number;
}

export interface BgNbdParameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface FitOptions<Parameters> {
  /** Where the search starts; the best fit over all of them wins. Defaults are derived from the data. */
  startingPoints?: readonly Parameters[];
  /** Nelder–Mead iterations allowed per run (default 5,000); a fit runs once per start plus a few polishing runs. */
  maxIterations?: number;
  /**
   * Shape parameters above this are outside the search. On data without heterogeneity the
   * likelihood keeps rising towards an infinite shape; a caller that rejects such fits anyway
   * sets this so the search never evaluates terms that get slower as the shapes grow (the
   * BG/NBD hypergeometric series). Scale parameters (α, γ) depend on units and currency: never bounded.
   */
  maxShape?: number;
}

export interface FitResult<Parameters> {
  params: Parameters;
  logLikelihood: number;
  /** Nelder–Mead iterations spent in total, over all starting points and restarts. */
  iterations: number;
  /**
   * False when the search ran out of iterations or a parameter ran into the search box
   * (|ln θ| ≥ 24, i.e. towards 0 or ∞: the data cannot identify it, typical of tiny data or of
   * nobody ever buying again). A converged fit with a very large shape parameter (r, or q in
   * the Gamma-Gamma model, above ~10⁶) is a real maximum approached in the limit: the data show
   * almost no heterogeneity across customers.
   */
  converged: boolean;
}

/**
 * Sum over customers (weighted by `count`) of the log of the individual likelihood, paper
 * eq. (6):
 *
 *   L = A1 · A2 · (A3 + δ_{x>0} A4), with
 *   ln A1 = lnΓ(r+x) − lnΓ(r) + r ln α
 *   ln A2 = lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x)
 *   ln A3 = −(r+x) ln(α+T)
 *   ln A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x)
 *
 * evaluated in logs with ln(A3 + A4) as a log-sum-exp, as in the authors' spreadsheet note,
 * because A3 and A4 underflow for customers with many purchases.
 */
export function bgNbdLogLikelihood(params: BgNbdParameters, histories: readonly CustomerHistory[]): number {
  assertValidParameters(params);
  return logLikelihoodOf(groupHistories(histories), params);
}

/**
 * Maximum-likelihood fit by Nelder–Mead over the logs of the four parameters, so every
 * candidate is positive without constraints. It searches coarsely from a few starting points
 * scaled to the data's purchase rate, then polishes the best (see minimizeFromStarts).
 * Identical (x, t_x, T) rows are grouped first, so the cost per evaluation is proportional to
 * the number of distinct histories. Deterministic: the same data give the same fit.
 */
export function fitBgNbd(histories: readonly CustomerHistory[], options: FitOptions<BgNbdParameters> = {}): FitResult<BgNbdParameters> {
  const data = groupHistories(histories);
  if (data.totalWeight <= 0) throw new RangeError('fitBgNbd needs at least one customer with a positive count');
  const starts = options.startingPoints ?? defaultStartingPoints(data);
  const shapeBound = log(options.maxShape ?? POSITIVE_INFINITY);
  const objective = (logParams: readonly number[]): number => {
    // Out there the likelihood is flat (the parameter is not identified); stop the search drifting.
    if (!logParams.every((value) => abs(value) <= LOG_PARAMETER_BOUND)) return POSITIVE_INFINITY;
    if (SHAPE_INDICES.some((index) => (logParams[index] ?? 0) > shapeBound)) return POSITIVE_INFINITY;
    return -logLikelihoodOf(data, fromLog(logParams));
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
 * E[Y(t) | x, t_x, T]: the expected number of purchases in the next `horizon` time units by a
 * customer with this history, paper eq. (10):
 *
 *   E = [(a+b+x−1)/(a−1)] · [1 − ((α+T)/(α+T+t))^{r+x} · 2F1(r+x, b+x; a+b+x−1; z)]
 *       / [1 + δ_{x>0} (a/(b+x−1)) ((α+T)/(α+t_x))^{r+x}],   z = t/(α+T+t).
 *
 * As written it breaks down numerically: it is 0/0 at a = 1, the 2F1 overflows for large x
 * while the power in front underflows, and the bracket cancels for short horizons. Euler's
 * transformation 2F1(A,B;C;z) = (1−z)^{C−A−B} 2F1(C−A, C−B; C; z) turns the bracket into
 * 1 − (1−z)^{a−1} F with F = 2F1(a+b−1−r, a−1; a+b+x−1; z), whose parameters no longer grow
 * with x. Every term of F − 1 carries the factor (a−1), so with C = a+b+x−1 and L = ln(1−z):
 *
 *   numerator = −C · expm1((a−1)L)/(a−1) − e^{(a−1)L} · V,   V = C·(F − 1)/(a−1)
 *
 * where V's first term is (a+b−1−r)·z and later ones follow the usual 2F1 term ratio. The only
 * division by a−1 left is expm1((a−1)L)/(a−1), well-conditioned and replaced by its limit L at
 * a = 1; nothing divides by C (which is 0 when x = 0 and a+b = 1), and the 1 − … subtraction
 * is done by expm1, so short horizons keep full precision.
 */
export function expectedPurchases(params: BgNbdParameters, history: CustomerHistory, horizon: number): number {
  return expectedPurchasesCurve(params, history)(horizon);
}

/**
 * E[Y(t) | x, t_x, T] as a function of the horizon t, for one customer: the parameters and the
 * history are checked and P(alive) computed once, so a caller asking for many horizons (the
 * discounted value asks for one per period, 53 for a year in weeks) pays only for the series.
 */
export function expectedPurchasesCurve(params: BgNbdParameters, history: CustomerHistory): (horizon: number) => number {
  assertValidParameters(params);
  assertValidHistory(history);
  const { r, alpha, a, b } = params;
  const x = history.frequency;
  const aMinusOne = a - 1;
  const c = a + b + x - 1;
  const ageScale = alpha + history.age;
  const alive = probabilityAliveOf(params, history);
  return (horizon) => {
    if (!(Number.isFinite(horizon) && horizon >= 0)) throw new RangeError(`horizon must be a finite number ≥ 0, got ${horizon}`);
    if (horizon === 0) return 0;
    const z = horizon / (ageScale + horizon);
    const logOneMinusZ = -log1p(horizon / ageScale);
    const expm1OverA = aMinusOne === 0 ? logOneMinusZ : expm1(aMinusOne * logOneMinusZ) / aMinusOne;
    const tail = sumHypergeometricTerms(a + b - 1 - r, aMinusOne, c, z, 1, (a + b - 1 - r) * z);
    const numerator = -c * expm1OverA - exp(aMinusOne * logOneMinusZ) * tail;
    return numerator * alive;
  };
}

/**
 * P(alive | x, t_x, T), the probability that the customer has not yet dropped out (Fader,
 * Hardie & Lee 2005; restated in their note "Computing P(alive) Using the BG/NBD Model"):
 *
 *   1 / (1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x}).
 *
 * A customer without repeat purchases cannot have dropped out in this model (dropout happens
 * only right after a repeat purchase), hence 1 when x = 0.
 */
export function probabilityAlive(params: BgNbdParameters, history: CustomerHistory): number {
  assertValidParameters(params);
  assertValidHistory(history);
  return probabilityAliveOf(params, history);
}

/** P(alive) of inputs already checked. */
function probabilityAliveOf(params: BgNbdParameters, history: CustomerHistory): number {
  const { r, alpha, a, b } = params;
  const x = history.frequency;
  if (x === 0) return 1;
  const logOdds =
    log(a) - log(b + x - 1) + (r + x) * (log(alpha + history.age) - log(alpha + history.recency));
  return logOdds > 0 ? exp(-logOdds) / (1 + exp(-logOdds)) : 1 / (1 + exp(logOdds));
}

// ---------------------------------------------------------------------------------------------
// Internals

/** |ln parameter| ≤ 25, i.e. parameters between ~1.4e-11 and ~7.2e10. */
const LOG_PARAMETER_BOUND = 25;

/** Histories with identical (x, t_x, T) merged, in columns, and x's distinct values indexed once. */
interface GroupedHistories {
  frequency: Float64Array;
  recency: Float64Array;
  age: Float64Array;
  weight: Float64Array;
  /** Index into distinctFrequencies for each row, so lnΓ terms are computed once per distinct x. */
  frequencyIndex: Uint32Array;
  distinctFrequencies: Float64Array;
  totalWeight: number;
}

function groupHistories(histories: readonly CustomerHistory[]): GroupedHistories {
  const rows = new Map<string, { frequency: number; recency: number; age: number; weight: number }>();
  for (const history of histories) {
    assertValidHistory(history);
    const weight = history.count ?? 1;
    if (weight === 0) continue;
    // t_x plays no part when x = 0, so all x = 0 customers of the same age are one row.
    const recency = history.frequency === 0 ? 0 : history.recency;
    const key = `${history.frequency}|${recency}|${history.age}`;
    const row = rows.get(key);
    if (row) row.weight += weight;
    else rows.set(key, { frequency: history.frequency, recency, age: history.age, weight });
  }
  const list = [...rows.values()];
  const distinct = [...new Set(list.map((row) => row.frequency))].sort((left, right) => left - right);
  const position = new Map(distinct.map((value, index) => [value, index]));
  return {
    frequency: Float64Array.from(list, (row) => row.frequency),
    recency: Float64Array.from(list, (row) => row.recency),
    age: Float64Array.from(list, (row) => row.age),
    weight: Float64Array.from(list, (row) => row.weight),
    frequencyIndex: Uint32Array.from(list, (row) => position.get(row.frequency) ?? 0),
    distinctFrequencies: Float64Array.from(distinct),
    totalWeight: list.reduce((sum, row) => sum + row.weight, 0),
  };
}

function logLikelihoodOf(data: GroupedHistories, params: BgNbdParameters): number {
  const { r, alpha, a, b } = params;
  const logAlpha = log(alpha);
  const logA = log(a);
  const commonGamma = logGamma(a + b) - logGamma(b) - logGamma(r);
  // ln A1 + ln A2 and the x-dependent part of ln A4, once per distinct x.
  const gammaTerms = new Float64Array(data.distinctFrequencies.length);
  const dropoutTerms = new Float64Array(data.distinctFrequencies.length);
  data.distinctFrequencies.forEach((x, index) => {
    gammaTerms[index] = commonGamma + r * logAlpha + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
    dropoutTerms[index] = x > 0 ? logA - log(b + x - 1) : NEGATIVE_INFINITY;
  });
  let total = 0;
  for (let row = 0; row < data.weight.length; row += 1) {
    const index = data.frequencyIndex[row] ?? 0;
    const x = data.frequency[row] ?? 0;
    const power = r + x;
    const stillActive = -power * log(alpha + (data.age[row] ?? 0));
    const droppedOut = (dropoutTerms[index] ?? 0) - power * log(alpha + (data.recency[row] ?? 0));
    total += (data.weight[row] ?? 0) * ((gammaTerms[index] ?? 0) + logSumExp(stillActive, droppedOut));
  }
  return total;
}

function defaultStartingPoints(data: GroupedHistories): BgNbdParameters[] {
  // λ's prior mean is r/α, so α = r / (repeat purchases per unit of time) puts the start at
  // the right time scale whatever the unit (days, weeks, months).
  let purchases = 0;
  let exposure = 0;
  data.weight.forEach((weight, row) => {
    purchases += weight * (data.frequency[row] ?? 0);
    exposure += weight * (data.age[row] ?? 0);
  });
  // Without any repeat purchase there is no rate to match: assume one per mean age (or per unit).
  const meanAge = exposure / data.totalWeight;
  const rate = purchases > 0 && exposure > 0 ? purchases / exposure : 1 / max(1, meanAge);
  return [
    { r: 1, alpha: 1 / rate, a: 1, b: 1 },
    { r: 0.3, alpha: 0.3 / rate, a: 0.5, b: 3 },
    { r: 3, alpha: 3 / rate, a: 2, b: 10 },
  ];
}

const toLog = (params: BgNbdParameters): number[] => [params.r, params.alpha, params.a, params.b].map(log);
/** r, a and b; α is a scale (time unit). */
const SHAPE_INDICES = [0, 2, 3] as const;

function fromLog(point: readonly number[]): BgNbdParameters {
  const [r = 0, alpha = 0, a = 0, b = 0] = point.map(exp);
  return { r, alpha, a, b };
}

function assertValidParameters(params: BgNbdParameters): void {
  for (const [name, value] of Object.entries(params)) {
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`BG/NBD parameter ${name} must be a finite number > 0, got ${String(value)}`);
  }
}

function assertValidHistory(history: CustomerHistory): void {
  const { frequency, recency, age, count = 1 } = history;
  if (!(Number.isInteger(frequency) && frequency >= 0)) throw new RangeError(`frequency must be an integer ≥ 0, got ${frequency}`);
  if (!(Number.isFinite(age) && age >= 0)) throw new RangeError(`age must be a finite number ≥ 0, got ${age}`);
  if (!(Number.isFinite(recency) && recency >= 0 && recency <= age)) {
    throw new RangeError(`recency must be between 0 and age (${age}), got ${recency}`);
  }
  if (!(Number.isFinite(count) && count >= 0)) throw new RangeError(`count must be a finite number ≥ 0, got ${count}`);
}
