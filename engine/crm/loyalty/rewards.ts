import { openAccount } from './accounts';
import { consumeGrantsOldestFirst, debitPointsIfCovered } from './balance';
import type { LoyaltyDb, LoyaltyTx } from './db';
import { transactionOrDeclined } from './decline';
import { IdempotencyKeyReusedError, LoyaltyRewardNotFoundError } from './errors';
import { oncePerKey } from './idempotency';
import { appendLedgerEntry, type StoredMovement } from './ledger';
import { newRedemptionCode } from './redemption-code';

export interface RedeemRewardInput {
  readonly workspaceId: string;
  readonly contactId: string;
  readonly rewardId: string;
  readonly idempotencyKey: string;
  readonly now: Date;
}

export type RewardRedemption =
  | {
      readonly outcome: 'redeemed';
      readonly redemptionId: string;
      /** The voucher code; null only for a redemption recorded without one before this service. */
      readonly code: string | null;
      readonly balance: number;
      readonly replayed: boolean;
    }
  /** The balance does not cover the reward's cost. */
  | { readonly outcome: 'insufficient_points' }
  /** No unit of the reward is left. */
  | { readonly outcome: 'out_of_stock' }
  /** The reward or its program is inactive, or `now` is outside the reward's validity. */
  | { readonly outcome: 'not_available' };

type Refusal = Exclude<RewardRedemption, { outcome: 'redeemed' }>;

interface Reward {
  readonly id: string;
  readonly programId: string;
  readonly name: string;
  readonly costPoints: number;
  readonly stock: number | null;
}

/**
 * Exchanges points for a reward, in one transaction: a unit of stock (when the stock is
 * counted), the points (only if the balance covers them, from the grants that expire soonest),
 * the redeemed ledger row and a pending redemption with a voucher code. Both takes are
 * conditional UPDATEs, so concurrent requests can neither overdraw the balance nor hand out
 * more units than there are; a request refused at the second step gives its unit back by
 * rolling back. Locks are taken reward first, then account, by every redemption alike.
 *
 * At most once per idempotency key: a repeat answers with the first redemption.
 */
export async function redeemReward(db: LoyaltyDb, input: RedeemRewardInput): Promise<RewardRedemption> {
  const reward = await findReward(db, input);
  return oncePerKey(db, input, (stored) => replayRewardRedemption(stored, input), async () => {
    if (!reward.available) return { outcome: 'not_available' };
    // Cheap early answer; the conditional UPDATE below is what actually decides.
    if (reward.stock === 0) return { outcome: 'out_of_stock' };
    return transactionOrDeclined<RewardRedemption, Refusal>(db, async (tx, decline) => {
      if (reward.stock !== null && !(await takeOneUnit(tx, input.workspaceId, reward.id))) return decline({ outcome: 'out_of_stock' });
      const account = await openAccount(tx, { workspaceId: input.workspaceId, programId: reward.programId, contactId: input.contactId });
      const ref = { workspaceId: input.workspaceId, accountId: account.id };
      const balance = await debitPointsIfCovered(tx, ref, reward.costPoints);
      if (balance === null) return decline({ outcome: 'insufficient_points' });
      await consumeGrantsOldestFirst(tx, ref, reward.costPoints);
      const transactionId = await appendLedgerEntry(tx, {
        workspaceId: input.workspaceId,
        accountId: account.id,
        type: 'redeemed',
        points: -reward.costPoints,
        balanceAfter: balance,
        reason: `reward: ${reward.name}`,
        idempotencyKey: input.idempotencyKey,
        occurredAt: input.now,
      });
      const code = newRedemptionCode();
      const redemption = await tx.loyaltyRedemption.create({
        data: { workspaceId: input.workspaceId, accountId: account.id, rewardId: reward.id, transactionId, status: 'pending', code, createdAt: input.now },
        select: { id: true },
      });
      return { outcome: 'redeemed', redemptionId: redemption.id, code, balance, replayed: false };
    });
  });
}

/** The reward within the workspace (through its program), and whether it can be had at `now`. */
async function findReward(db: Pick<LoyaltyDb, 'loyaltyReward'>, input: RedeemRewardInput): Promise<Reward & { readonly available: boolean }> {
  const reward = await db.loyaltyReward.findFirst({
    where: { id: input.rewardId, program: { workspaceId: input.workspaceId } },
    select: { id: true, programId: true, name: true, costPoints: true, stock: true, active: true, validFrom: true, validUntil: true, program: { select: { active: true } } },
  });
  if (!reward) throw new LoyaltyRewardNotFoundError(input.rewardId);
  const now = input.now.getTime();
  // validFrom and validUntil are both inclusive: a reward "valid until 31 March 23:59" can be had then.
  const inWindow = (reward.validFrom === null || reward.validFrom.getTime() <= now) && (reward.validUntil === null || now <= reward.validUntil.getTime());
  return {
    id: reward.id,
    programId: reward.programId,
    name: reward.name,
    costPoints: reward.costPoints,
    stock: reward.stock,
    available: reward.active && reward.program.active && inWindow,
  };
}

/** Takes one unit if any is left; false when none was (never below zero, whoever else is taking). */
async function takeOneUnit(tx: LoyaltyTx, workspaceId: string, rewardId: string): Promise<boolean> {
  const taken = await tx.$executeRaw`
    UPDATE loyalty_reward SET stock = stock - 1
    WHERE id = ${rewardId}::uuid AND stock > 0
      AND program_id IN (SELECT id FROM loyalty_program WHERE workspace_id = ${workspaceId}::uuid)`;
  return taken === 1;
}

function replayRewardRedemption(stored: StoredMovement, input: RedeemRewardInput): RewardRedemption {
  const redemption = stored.redemption;
  if (stored.type !== 'redeemed' || redemption === null || redemption.rewardId !== input.rewardId || stored.contactId !== input.contactId) {
    throw new IdempotencyKeyReusedError(input.idempotencyKey);
  }
  return { outcome: 'redeemed', redemptionId: redemption.id, code: redemption.code, balance: stored.balanceAfter, replayed: true };
}
