import type { BgNbdParameters, CustomerHistory } from '../../../../engine/crm/clv/bg-nbd';
import { expectedPurchases } from '../../../../engine/crm/clv/bg-nbd';
import type { GammaGammaParameters } from '../../../../engine/crm/clv/gamma-gamma';
import { discountedPurchases, predictClv } from '../../../../engine/crm/clv/predict';

// The published CDNOW parameters (weeks, US$): Fader, Hardie & Lee (2005); Fader & Hardie (2013).
const bgNbd: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const gammaGamma: GammaGammaParameters = { p: 6.25, q: 3.74, gamma: 15.44 };
const customerOne: CustomerHistory = { frequency: 2, recency: 30.43, age: 38.86 };

describe('predictClv', () => {
  it('multiplies expected purchases, expected spend and margin', () => {
    const prediction = predictClv({ bgNbd, gammaGamma, history: customerOne, averageSpend: 22.35, horizon: 39, marginRate: 0.3 });
    // 1.226 purchases (the paper's worked example) × $24.66 (the Gamma-Gamma expectation) × 30%.
    expect(prediction.expectedPurchases).toBeCloseTo(1.226, 3);
    expect(prediction.expectedAverageSpend).toBeCloseTo(24.6637, 4);
    expect(prediction.probabilityAlive).toBeCloseTo(0.7266, 4);
    expect(prediction.value).toBeCloseTo(prediction.expectedPurchases * prediction.expectedAverageSpend * 0.3, 12);
    expect(prediction.value).toBeCloseTo(9.07, 2);
  });

  it('values a customer without repeat purchases at the population mean spend', () => {
    const prediction = predictClv({ bgNbd, gammaGamma, history: { frequency: 0, recency: 0, age: 38.86 }, averageSpend: 0, horizon: 52, marginRate: 1 });
    expect(prediction.probabilityAlive).toBe(1);
    expect(prediction.expectedAverageSpend).toBeCloseTo(35.219, 3);
    expect(prediction.value).toBeGreaterThan(0);
  });

  it('with a zero discount rate, the per-period sum telescopes to the undiscounted value', () => {
    const base = { bgNbd, gammaGamma, history: customerOne, averageSpend: 22.35, horizon: 52.5, marginRate: 0.25 };
    expect(predictClv({ ...base, discountRatePerPeriod: 0 }).value).toBeCloseTo(predictClv(base).value, 10);
  });

  it('discounts each period’s expected purchases at the end of the period', () => {
    const rate = 0.01;
    const first = expectedPurchases(bgNbd, customerOne, 1);
    const second = expectedPurchases(bgNbd, customerOne, 2);
    const third = expectedPurchases(bgNbd, customerOne, 2.5);
    // Two whole periods and a half one, the half valued at the end of period 3.
    const byHand = first / 1.01 + (second - first) / 1.01 ** 2 + (third - second) / 1.01 ** 3;
    expect(discountedPurchases(bgNbd, customerOne, 2.5, rate)).toBeCloseTo(byHand, 14);
  });

  it('is lower the higher the discount rate', () => {
    const valueAt = (discountRatePerPeriod: number): number =>
      predictClv({ bgNbd, gammaGamma, history: customerOne, averageSpend: 22.35, horizon: 156, marginRate: 0.3, discountRatePerPeriod }).value;
    const weeklyFromAnnual = (annual: number): number => (1 + annual) ** (1 / 52) - 1;
    const values = [0, 0.05, 0.1, 0.2].map((annual) => valueAt(weeklyFromAnnual(annual)));
    values.slice(1).forEach((value, index) => expect(value).toBeLessThan(values[index] ?? 0));
  });

  it('rejects out-of-range inputs', () => {
    const base = { bgNbd, gammaGamma, history: customerOne, averageSpend: 22.35, horizon: 39, marginRate: 0.3 };
    expect(() => predictClv({ ...base, marginRate: 1.5 })).toThrow(RangeError);
    expect(() => predictClv({ ...base, discountRatePerPeriod: -0.1 })).toThrow(RangeError);
    expect(() => predictClv({ ...base, horizon: -1 })).toThrow(RangeError);
    expect(() => predictClv({ ...base, horizon: 1e6, discountRatePerPeriod: 0.001 })).toThrow(/exceeds/);
  });
});
