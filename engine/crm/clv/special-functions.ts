// Special functions for the customer-lifetime-value models: the log-gamma function and
// Gauss's hypergeometric series 2F1, written here rather than taken from npm on purpose.
//
// Why not a library: the maintained candidates (@stdlib/math-base-special-gammaln and
// @stdlib/math-base-special-hyp2f1) are accurate and typed, but together pull in ~190 packages
// for two scalar functions, and the BG/NBD expectation needs the hypergeometric *series tail*
// in a rearranged, cancellation-free form (see bg-nbd.ts), which a plain 2F1 value does not
// give. Both functions below were checked against mpmath at 30 digits (see
// test/engine/crm/clv/special-functions.test.ts), and spot-checked against @stdlib.
//
// Pure and dependency-free: no Node built-ins, safe to run anywhere.

// Math's functions and the infinities are bound once at module level on purpose: inside a vm
// context (jest's test sandbox, Temporal's workflow sandbox) every global lookup such as
// `Math.log` goes through the context's interceptor and costs ~10x more in the hot loops.
const { PI, abs, ceil, exp, log, log1p, max, min, sin } = Math;
const { NEGATIVE_INFINITY, POSITIVE_INFINITY, isFinite: isFiniteNumber } = Number;

/**
 * Lanczos coefficients for g = 7, n = 9 (the widely published set, as in Press et al.,
 * "Numerical Recipes", and Godfrey's tables). With them Γ(x) is accurate to ~1e-15 relative
 * for x ≥ 1/2, which is far below anything a log-likelihood of ~10⁴ can resolve.
 */
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS: readonly number[] = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * log(2 * PI);

/**
 * ln Γ(x) for x > 0. Returns NaN for x ≤ 0 or NaN: the models only ever ask for positive
 * arguments, and the optimisers treat a non-finite objective as "outside the feasible region"
 * instead of throwing in a hot loop.
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === POSITIVE_INFINITY) return POSITIVE_INFINITY;
  // The Lanczos sum is accurate for x ≥ 1/2; below that the reflection formula
  // Γ(x)Γ(1−x) = π / sin(πx) moves the argument into range (sin(πx) > 0 for 0 < x < 1).
  if (x < 0.5) return log(PI / sin(PI * x)) - logGamma(1 - x);
  const shifted = x - 1;
  let series = LANCZOS_COEFFICIENTS[0] ?? 1;
  for (let index = 1; index < LANCZOS_COEFFICIENTS.length; index += 1) {
    series += (LANCZOS_COEFFICIENTS[index] ?? 0) / (shifted + index);
  }
  const base = shifted + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (shifted + 0.5) * log(base) - base + log(series);
}

/** Past this many terms the series is declared non-convergent rather than looping on. */
export const HYPERGEOMETRIC_MAX_TERMS = 200_000;

/**
 * Sums the hypergeometric terms t_n, t_{n+1}, … of 2F1(a, b; c; z), starting from index
 * `startIndex` whose term is `startTerm`, using the term ratio
 *
 *   t_{k+1} / t_k = (a + k)(b + k) z / ((c + k)(k + 1)).
 *
 * Starting from an arbitrary index lets callers sum only the tail (t_1 + t_2 + …) with a
 * rescaled first term, which is how bg-nbd.ts avoids catastrophic cancellation.
 *
 * Convergence: for 0 ≤ z < 1 the ratio tends to z, so the terms eventually decay
 * geometrically (times a power of k). Once the ratio has settled (|ratio| < 1 and it is
 * past the point where a + k, b + k and c + k are all positive), the remaining tail is bounded
 * by |t_k|·ρ/(1−ρ) with ρ = max(|ratio|, z), because the ratio then approaches z
 * monotonically. Summation stops when that bound is below 1e-16 of the running sum. The number
 * of terms needed grows like ln(ε)/ln(z): ~40 at z = 0.5, ~3,500 at z = 0.99, ~37,000 at
 * z = 0.999; past HYPERGEOMETRIC_MAX_TERMS (z ≳ 0.9998) it throws instead of returning an
 * inaccurate value.
 *
 * Requires c + k ≠ 0 for every k ≥ startIndex (c not a non-positive integer in that range).
 */
export function sumHypergeometricTerms(a: number, b: number, c: number, z: number, startIndex: number, startTerm: number): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hypergeometric series needs 0 ≤ z < 1, got ${z}`);
  if (startTerm === 0 || z === 0) return startTerm;
  // Past this index every Pochhammer factor has a fixed sign, so the ratio is monotone.
  const settledFrom = max(startIndex, ceil(-min(a, b, c)) + 1);
  let term = startTerm;
  let sum = startTerm;
  for (let k = startIndex; k < startIndex + HYPERGEOMETRIC_MAX_TERMS; k += 1) {
    const ratio = ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    term *= ratio;
    sum += term;
    // A zero term means a or b is a non-positive integer: the series terminates exactly.
    if (term === 0) return sum;
    const magnitude = abs(ratio);
    if (k >= settledFrom && magnitude < 1) {
      const rho = max(magnitude, z);
      if ((abs(term) * rho) / (1 - rho) <= 1e-16 * abs(sum)) return sum;
    }
    if (!isFiniteNumber(sum)) break;
  }
  throw new RangeError(`hypergeometric series 2F1(${a}, ${b}; ${c}; ${z}) did not converge in ${HYPERGEOMETRIC_MAX_TERMS} terms`);
}

/**
 * Gauss's hypergeometric function 2F1(a, b; c; z) by its power series, for 0 ≤ z < 1 and c
 * not a non-positive integer. See sumHypergeometricTerms for convergence and the term cap.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  return sumHypergeometricTerms(a, b, c, z, 0, 1);
}

/** ln(e^u + e^v) without overflow; either argument may be −∞ (a term that is absent). */
export function logSumExp(u: number, v: number): number {
  const high = max(u, v);
  if (high === NEGATIVE_INFINITY) return NEGATIVE_INFINITY;
  return high + log1p(exp(min(u, v) - high));
}
