import { openAccount } from './accounts';
import { consumeGrantsOldestFirst, creditPoints, debitPointsIfCovered } from './balance';
import { MOVEMENT_TRANSACTION, type LoyaltyDb } from './db';
import { IdempotencyKeyReusedError, InvalidLoyaltyPointsError } from './errors';
import { oncePerKey } from './idempotency';
import { appendLedgerEntry, type StoredMovement } from './ledger';
import { findProgram } from './programs';

export interface AdjustPointsInput {
  readonly workspaceId: string;
  readonly programId: string;
  readonly contactId: string;
  /** Signed, non-zero: a goodwill credit or a correction. */
  readonly points: number;
  readonly reason: string;
  readonly idempotencyKey: string;
  readonly now: Date;
}

export interface AdjustedPoints {
  readonly transactionId: string;
  readonly accountId: string;
  /** What was applied: a debit larger than the balance takes the balance, no more. */
  readonly points: number;
  readonly balance: number;
  readonly replayed: boolean;
}

/**
 * A manual correction. A credit is spendable like earned points but never expires and does not
 * count as earned (lifetime points and points-based tiers reflect what the member earned). A
 * debit takes at most the balance — an account is never negative — from the grants that expire
 * soonest, like a redemption, and the ledger records what was actually taken. Allowed on an
 * inactive program, whose balances can still need putting right.
 */
export async function adjustPoints(db: LoyaltyDb, input: AdjustPointsInput): Promise<AdjustedPoints> {
  if (!Number.isInteger(input.points) || input.points === 0 || Math.abs(input.points) > 2_147_483_647) {
    throw new InvalidLoyaltyPointsError(`an adjustment must be a whole, non-zero number of points, not ${input.points}`);
  }
  await findProgram(db, input.workspaceId, input.programId, 'any');
  return oncePerKey(db, input, (stored) => replayAdjustment(stored, input), () =>
    db.$transaction(async (tx) => {
      const account = await openAccount(tx, input);
      const ref = { workspaceId: input.workspaceId, accountId: account.id };
      let applied = input.points;
      let balance: number;
      if (input.points > 0) {
        balance = await creditPoints(tx, ref, input.points, false);
      } else {
        // The account is locked (openAccount), so the balance read there is still the balance now.
        applied = 0 - Math.min(account.balance, -input.points);
        const debited = await debitPointsIfCovered(tx, ref, -applied);
        if (debited === null) throw new Error(`loyalty account ${account.id} changed under its own lock`);
        balance = debited;
        await consumeGrantsOldestFirst(tx, ref, -applied);
      }
      const transactionId = await appendLedgerEntry(tx, {
        workspaceId: input.workspaceId,
        accountId: account.id,
        type: 'adjusted',
        points: applied,
        balanceAfter: balance,
        reason: input.reason,
        idempotencyKey: input.idempotencyKey,
        occurredAt: input.now,
        remaining: applied > 0 ? applied : null,
      });
      return { transactionId, accountId: account.id, points: applied, balance, replayed: false };
    }, MOVEMENT_TRANSACTION),
  );
}

function replayAdjustment(stored: StoredMovement, input: AdjustPointsInput): AdjustedPoints {
  if (stored.type !== 'adjusted' || stored.programId !== input.programId || stored.contactId !== input.contactId) throw new IdempotencyKeyReusedError(input.idempotencyKey);
  return { transactionId: stored.id, accountId: stored.accountId, points: stored.points, balance: stored.balanceAfter, replayed: true };
}
