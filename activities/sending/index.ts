export { ineligibilityReason, type EligibilityQuestion } from './eligibility';
export { PermanentDeliveryError, TransientDeliveryError } from './errors';
export { claimSend, type Claim, type SendRequest } from './ledger';
export { messageResult, sendOnce, type Delivery, type SendOptions, type SendOutcome } from './send-once';
export { SendingPolicy, type PolicyVerdict } from './policy';
export { HASHED_ADDRESS_PREFIX, hashedSuppressionAddress } from './suppression-hash';
