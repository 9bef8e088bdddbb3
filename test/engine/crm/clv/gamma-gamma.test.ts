import {
  expectedAverageSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  type GammaGammaParameters,
  type SpendHistory,
} from '../../../../engine/crm/clv/gamma-gamma';
import { loadCdnow } from './fixtures/cdnow';

// The 946 CDNOW customers with at least one repeat purchase; zbar is their mean repeat spend.
const spenders: SpendHistory[] = loadCdnow()
  .filter(({ x }) => x > 0)
  .map(({ x, zbar }) => ({ frequency: x, averageSpend: zbar }));

/** Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value": the CDNOW estimates. */
const published: GammaGammaParameters = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('Gamma-Gamma on the CDNOW repeat buyers', () => {
  const started = performance.now();
  const fit = fitGammaGamma(spenders);
  const elapsed = performance.now() - started;

  it('uses the 946 customers of the note', () => {
    expect(spenders).toHaveLength(946);
  });

  it('reproduces the published maximum-likelihood estimates', () => {
    expect(fit.converged).toBe(true);
    // We get p = 6.2488, q = 3.7446, γ = 15.4477: p and q round to the published values, γ is
    // 0.05% above 15.44 (it would round to 15.45). The likelihood is flat along that ridge
    // (the published point scores only 0.0015 below our maximum, see below), so a spreadsheet
    // solver stopping a little early would explain it.
    for (const name of ['p', 'q', 'gamma'] as const) {
      expect(Math.abs(fit.params[name] / published[name] - 1)).toBeLessThan(0.01);
    }
    // Not a published number (the note's log-likelihood is not asserted here because we could
    // not confirm it): our maximum, pinned to catch regressions. The published parameters
    // score −4,055.92 too, as they should at 2-decimal rounding.
    expect(fit.logLikelihood).toBeCloseTo(-4055.923, 2);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(published, spenders));
    expect(gammaGammaLogLikelihood(published, spenders) - fit.logLikelihood).toBeGreaterThan(-0.01);
  });

  it('is fast, deterministic and indifferent to grouping into counts', () => {
    // ~0.03 s on one core of the development machine; the bound only catches regressions.
    expect(elapsed).toBeLessThan(2_000);
    expect(fitGammaGamma(spenders)).toEqual(fit);
    const doubled = spenders.map((history) => ({ ...history, count: 2 }));
    expect(gammaGammaLogLikelihood(published, doubled)).toBeCloseTo(2 * gammaGammaLogLikelihood(published, spenders), 8);
  });
});

describe('expected average spend', () => {
  it('matches the note’s formula, worked by hand for customer 1 (x = 2, z̄ = $22.35)', () => {
    // We could not confirm a worked example printed in the note, so this is the formula by hand:
    // p(γ + x z̄)/(px + q − 1) = 6.25 × (15.44 + 2 × 22.35) / (6.25 × 2 + 3.74 − 1)
    //                         = 6.25 × 60.14 / 15.24 = 375.875 / 15.24 = 24.6637…
    expect(expectedAverageSpend(published, 2, 22.35)).toBeCloseTo(24.6637, 4);
    // The same number as a weighted average of the population mean and the customer's mean.
    const populationMean = (6.25 * 15.44) / (3.74 - 1);
    const weight = (6.25 * 2) / (6.25 * 2 + 3.74 - 1);
    expect(expectedAverageSpend(published, 2, 22.35)).toBeCloseTo(weight * 22.35 + (1 - weight) * populationMean, 10);
  });

  it('is the population mean pγ/(q−1) for customers without repeat purchases', () => {
    // 6.25 × 15.44 / 2.74 = 35.2190…
    expect(expectedAverageSpend(published, 0, 0)).toBeCloseTo(35.219, 3);
    expect(expectedAverageSpend(published, 0, 999)).toBe(expectedAverageSpend(published, 0, 0));
  });

  it('trusts the customer’s own mean more as purchases accumulate', () => {
    const populationMean = expectedAverageSpend(published, 0, 0);
    const few = expectedAverageSpend(published, 1, 100);
    const many = expectedAverageSpend(published, 1_000_000, 100);
    expect(few).toBeGreaterThan(populationMean);
    expect(few).toBeLessThan(100);
    expect(many).toBeCloseTo(100, 3);
  });

  it('refuses infinite means and invalid input', () => {
    expect(() => expectedAverageSpend({ p: 1, q: 0.8, gamma: 10 }, 0, 0)).toThrow(RangeError);
    expect(() => expectedAverageSpend({ p: 0.1, q: 0.5, gamma: 10 }, 1, 20)).toThrow(RangeError);
    expect(expectedAverageSpend({ p: 1, q: 0.8, gamma: 10 }, 3, 20)).toBeGreaterThan(0);
    expect(() => expectedAverageSpend(published, -1, 20)).toThrow(RangeError);
    expect(() => expectedAverageSpend(published, 2, Number.NaN)).toThrow(RangeError);
  });
});

describe('fitting edge cases', () => {
  it('does not throw on tiny data', () => {
    const single = fitGammaGamma([{ frequency: 2, averageSpend: 20 }]);
    expect(Number.isFinite(single.logLikelihood)).toBe(true);
    // One customer cannot separate within- from between-customer variation.
    expect(single.converged).toBe(false);
    const three = fitGammaGamma([
      { frequency: 2, averageSpend: 20 },
      { frequency: 5, averageSpend: 40 },
      { frequency: 1, averageSpend: 5 },
    ]);
    Object.values(three.params).forEach((value) => expect(Number.isFinite(value) && value > 0).toBe(true));
  });

  it('rejects customers without repeat purchases or with non-positive spend', () => {
    expect(() => fitGammaGamma([{ frequency: 0, averageSpend: 0 }])).toThrow(/frequency ≥ 1/);
    expect(() => gammaGammaLogLikelihood(published, [{ frequency: 2, averageSpend: 0 }])).toThrow(RangeError);
    expect(() => fitGammaGamma([])).toThrow(RangeError);
  });

  it('keeps shapes within the bound on spends without heterogeneity, and leaves scales and real fits alone', () => {
    // Every customer spends about the same: the likelihood rises towards an infinite shape.
    const flat = Array.from({ length: 2_000 }, (_, index) => ({ frequency: 1 + (index % 7), averageSpend: 100 + ((index * 37) % 11) }));
    const unbounded = fitGammaGamma(flat, { maxIterations: 2_000 });
    const bounded = fitGammaGamma(flat, { maxShape: 1e5, maxIterations: 2_000 });
    expect(Math.max(unbounded.params.p, unbounded.params.q)).toBeGreaterThan(1e5);
    expect(Math.max(bounded.params.p, bounded.params.q)).toBeLessThanOrEqual(1e5);
    // γ is a scale: spends in yen (×150) give a γ 150 times larger, never bounded.
    const yen = spenders.map((history) => ({ ...history, averageSpend: history.averageSpend * 150 }));
    const reference = fitGammaGamma(spenders);
    const inYen = fitGammaGamma(yen, { maxShape: 10 });
    expect(inYen.converged).toBe(true);
    expect(inYen.params.gamma / reference.params.gamma).toBeCloseTo(150, 0);
    expect(fitGammaGamma(spenders, { maxShape: 1e5 }).params).toEqual(reference.params);
  });
});
