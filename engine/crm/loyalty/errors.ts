// What the loyalty service refuses, as classes callers can tell apart (the journey actions turn
// them into permanent failures, the API into 404/409/422). A program, reward, contact or order
// of another workspace is reported exactly like one that does not exist, so an id never reveals
// another tenant's data.

export class LoyaltyError extends Error {}

export class LoyaltyProgramNotFoundError extends LoyaltyError {
  override readonly name = 'LoyaltyProgramNotFoundError';
  constructor(readonly programId: string) {
    super(`loyalty program ${programId} does not exist in this workspace`);
  }
}

export class LoyaltyProgramInactiveError extends LoyaltyError {
  override readonly name = 'LoyaltyProgramInactiveError';
  constructor(readonly programId: string) {
    super(`loyalty program ${programId} is inactive`);
  }
}

export class LoyaltyRewardNotFoundError extends LoyaltyError {
  override readonly name = 'LoyaltyRewardNotFoundError';
  constructor(readonly rewardId: string) {
    super(`loyalty reward ${rewardId} does not exist in this workspace`);
  }
}

export class LoyaltyContactNotFoundError extends LoyaltyError {
  override readonly name = 'LoyaltyContactNotFoundError';
  constructor(readonly contactId: string) {
    super(`contact ${contactId} does not exist in this workspace`);
  }
}

export class LoyaltyOrderNotFoundError extends LoyaltyError {
  override readonly name = 'LoyaltyOrderNotFoundError';
  constructor(readonly orderId: string) {
    super(`order ${orderId} does not exist for this contact in this workspace`);
  }
}

/** Points must be whole and (for earning and redeeming) positive; an earning names exactly one source. */
export class InvalidLoyaltyPointsError extends LoyaltyError {
  override readonly name = 'InvalidLoyaltyPointsError';
}

/**
 * The idempotency key was already used for a different movement (another type, account or
 * reward): replaying its result would answer a question that was not asked.
 */
export class IdempotencyKeyReusedError extends LoyaltyError {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly idempotencyKey: string) {
    super(`idempotency key ${idempotencyKey} was already used for a different loyalty movement`);
  }
}
