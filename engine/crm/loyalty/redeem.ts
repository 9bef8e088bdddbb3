import { findAccountId } from './accounts';
import { consumeGrantsOldestFirst, debitPointsIfCovered } from './balance';
import type { LoyaltyDb } from './db';
import { transactionOrDeclined } from './decline';
import { IdempotencyKeyReusedError, InvalidLoyaltyPointsError } from './errors';
import { oncePerKey } from './idempotency';
import { appendLedgerEntry, type StoredMovement } from './ledger';
import { findProgram } from './programs';

export interface RedeemPointsInput {
  readonly workspaceId: string;
  readonly programId: string;
  readonly contactId: string;
  readonly points: number;
  readonly reason: string;
  readonly idempotencyKey: string;
  readonly now: Date;
}

export type PointsRedemption =
  | { readonly outcome: 'done'; readonly transactionId: string; readonly balance: number; readonly replayed: boolean }
  | { readonly outcome: 'insufficient' };

/**
 * Spends points (no reward attached): taken only if the balance covers them all, from the
 * grants that expire soonest, with a ledger row — in one transaction. A member without an
 * account has nothing to spend. At most once per idempotency key; an `insufficient` answer
 * writes nothing, so a retry tries again.
 */
export async function redeemPoints(db: LoyaltyDb, input: RedeemPointsInput): Promise<PointsRedemption> {
  if (!Number.isInteger(input.points) || input.points < 1 || input.points > 2_147_483_647) {
    throw new InvalidLoyaltyPointsError(`points to redeem must be a whole number from 1, not ${input.points}`);
  }
  await findProgram(db, input.workspaceId, input.programId, 'active');
  return oncePerKey(db, input, (stored) => replayRedemption(stored, input), () =>
    transactionOrDeclined<PointsRedemption, PointsRedemption>(db, async (tx, decline) => {
      const accountId = await findAccountId(tx, input);
      if (accountId === null) return decline({ outcome: 'insufficient' });
      const account = { workspaceId: input.workspaceId, accountId };
      const balance = await debitPointsIfCovered(tx, account, input.points);
      if (balance === null) return decline({ outcome: 'insufficient' });
      await consumeGrantsOldestFirst(tx, account, input.points);
      const transactionId = await appendLedgerEntry(tx, {
        workspaceId: input.workspaceId,
        accountId,
        type: 'redeemed',
        points: -input.points,
        balanceAfter: balance,
        reason: input.reason,
        idempotencyKey: input.idempotencyKey,
        occurredAt: input.now,
      });
      return { outcome: 'done', transactionId, balance, replayed: false };
    }),
  );
}

function replayRedemption(stored: StoredMovement, input: RedeemPointsInput): PointsRedemption {
  const samePointsRedemption = stored.type === 'redeemed' && stored.redemption === null && stored.programId === input.programId && stored.contactId === input.contactId;
  if (!samePointsRedemption) throw new IdempotencyKeyReusedError(input.idempotencyKey);
  return { outcome: 'done', transactionId: stored.id, balance: stored.balanceAfter, replayed: true };
}
