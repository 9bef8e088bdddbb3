// The loyalty service: every movement of points (earn, adjust, redeem, reward redemption,
// expiry) and tier qualification. Used by the journey actions, the API and the nightly
// recompute; every function is scoped to one workspace.
export { adjustPoints, type AdjustedPoints, type AdjustPointsInput } from './adjust';
export type { LoyaltyDb } from './db';
export { earnPoints, type EarnedPoints, type EarnPointsInput } from './earn';
export {
  IdempotencyKeyReusedError,
  InvalidLoyaltyPointsError,
  LoyaltyContactNotFoundError,
  LoyaltyError,
  LoyaltyOrderNotFoundError,
  LoyaltyProgramInactiveError,
  LoyaltyProgramNotFoundError,
  LoyaltyRewardNotFoundError,
} from './errors';
export { expirePoints, expirePointsWithin, type ExpiredPoints, type ExpiryRun } from './expiry';
export { ledgerBalanceMismatches, type LedgerMismatch } from './ledger';
export { redeemPoints, type PointsRedemption, type RedeemPointsInput } from './redeem';
export { redeemReward, type RedeemRewardInput, type RewardRedemption } from './rewards';
export { tierChangeReason, type TierDecision } from './tier-reason';
export { evaluateTiers, type TierChangedEvent, type TierEvaluation } from './tiers';
