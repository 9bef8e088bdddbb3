import { hyp2f1, logGamma, logSumExp, sumHypergeometricTerms } from '../../../../engine/crm/clv/special-functions';

// Reference values computed with mpmath 1.4 at 30 significant digits (loggamma, hyp2f1).
describe('logGamma', () => {
  const references: Array<[number, number]> = [
    [1e-8, 18.420680738180208905],
    [0.243, 1.3180435846996698495],
    [0.5, 0.57236494292470008707],
    [1, 0],
    [1.5, -0.12078223763524522235],
    [2, 0],
    [2.426, 0.23400811688731612227],
    [3.7445, 1.4803162437896829671],
    [10.5, 13.940625219403763633],
    [171.3, 708.11494703899682429],
    [1000.5, 5908.6741758486774887],
    [1e7, 151180949.36947391394],
  ];

  it.each(references)('lnΓ(%p) matches mpmath to ~1e-14', (x, expected) => {
    expect(Math.abs(logGamma(x) - expected)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(expected)));
  });

  it('satisfies Γ(x+1) = xΓ(x) across the reflection boundary', () => {
    for (const x of [0.01, 0.3, 0.49, 0.5, 0.51, 0.9, 7.25]) {
      expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 12);
    }
  });

  it('returns NaN outside its domain instead of throwing', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
    expect(logGamma(Number.NaN)).toBeNaN();
  });
});

describe('hyp2f1 power series', () => {
  const references: Array<[number, number, number, number, number]> = [
    [2.243, 4.426, 4.219, 0.47, 4.4930369340116209795],
    [0.5, 1.5, 2, 0.9, 2.0843177233129956643],
    [-1.7, 0.3, 1.2, 0.75, 0.73410404331410370874],
    [3.2, -0.2, 0.4, 0.6, -2.6495434630464113777],
    [-3, 2.5, 1.5, 0.8, -0.056],
  ];

  it.each(references)('2F1(%p, %p; %p; %p) matches mpmath', (a, b, c, z, expected) => {
    expect(Math.abs(hyp2f1(a, b, c, z) - expected)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(expected)));
  });

  it('matches closed forms: 2F1(1,1;2;z) = −ln(1−z)/z and 2F1(a,b;b;z) = (1−z)^−a', () => {
    for (const z of [0.01, 0.5, 0.9, 0.99, 0.999]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log1p(-z) / z, 10);
      expect(hyp2f1(0.7, 3.1, 3.1, z) / (1 - z) ** -0.7).toBeCloseTo(1, 12);
    }
  });

  it('sums a tail from any index (t_1 + t_2 + … equals 2F1 − 1)', () => {
    const [a, b, c, z] = [1.3, 0.4, 2.2, 0.8];
    expect(sumHypergeometricTerms(a, b, c, z, 1, (a * b * z) / c)).toBeCloseTo(hyp2f1(a, b, c, z) - 1, 14);
  });

  it('is 1 at z = 0 and refuses z outside [0, 1) or a series that needs too many terms', () => {
    expect(hyp2f1(5, 6, 7, 0)).toBe(1);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, -0.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, 1 - 1e-7)).toThrow(/did not converge/);
  });
});

describe('logSumExp', () => {
  it('adds in log space without overflow and treats −∞ as an absent term', () => {
    expect(logSumExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 15);
    expect(logSumExp(-1000, -1000)).toBeCloseTo(-1000 + Math.log(2), 12);
    expect(logSumExp(800, Number.NEGATIVE_INFINITY)).toBe(800);
    expect(logSumExp(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
  });
});
