import type { TierBasis } from '../../../prisma/generated/client';

export interface TierDecision {
  readonly basis: TierBasis;
  readonly windowMonths: number;
  /** The qualifying amount over the window, as Postgres printed it (numeric text). */
  readonly amount: string;
  /** The tier reached and its threshold, or the entry tier missed (amount below its threshold). */
  readonly tier: { readonly name: string; readonly threshold: string; readonly reached: boolean };
}

const grouped = (fractionDigits: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
const whole = grouped(0);
const cents = grouped(2);

/** Spend is money (always cents); points and purchases are counts; a threshold shows cents only when it has some. */
const formatAmount = (basis: TierBasis, amount: string): string => (basis === 'spend' ? cents : whole).format(Number(amount));
const formatThreshold = (threshold: string): string => {
  const value = Number(threshold);
  return (Number.isInteger(value) ? whole : cents).format(value);
};

/**
 * Why an account holds the tier it was just moved to, in words a marketer can check against
 * the program: "spend 1,240.00 in 12 months ≥ Gold 1,000", or, when it fell below every tier,
 * "points 80 in 12 months < Bronze 100".
 */
export function tierChangeReason(decision: TierDecision): string {
  const window = decision.windowMonths === 1 ? '1 month' : `${decision.windowMonths} months`;
  const comparison = decision.tier.reached ? '≥' : '<';
  return `${decision.basis} ${formatAmount(decision.basis, decision.amount)} in ${window} ${comparison} ${decision.tier.name} ${formatThreshold(decision.tier.threshold)}`;
}
