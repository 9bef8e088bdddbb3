import type { LoyaltyTx } from './db';

// The balance moves only in single conditional UPDATEs: Postgres re-checks the condition on
// the latest committed row when it had to wait for another transaction's lock, so no
// interleaving of requests can take a balance below zero.

/** An account, always addressed together with its workspace. */
export interface AccountRef {
  readonly workspaceId: string;
  readonly accountId: string;
}

/** Adds points; earned points (`countsAsEarned`) also add to the lifetime total. Returns the new balance. */
export async function creditPoints(tx: LoyaltyTx, account: AccountRef, points: number, countsAsEarned: boolean): Promise<number> {
  const lifetimeIncrease = countsAsEarned ? points : 0;
  const [row] = await tx.$queryRaw<{ balance: number }[]>`
    UPDATE loyalty_account SET balance = balance + ${points}::int, lifetime_points = lifetime_points + ${lifetimeIncrease}::int, updated_at = now()
    WHERE id = ${account.accountId}::uuid AND workspace_id = ${account.workspaceId}::uuid
    RETURNING balance`;
  if (!row) throw new Error(`loyalty account ${account.accountId} vanished inside its own transaction`);
  return row.balance;
}

/** Takes points only if the balance covers them; the new balance, or null when it does not. */
export async function debitPointsIfCovered(tx: LoyaltyTx, account: AccountRef, points: number): Promise<number | null> {
  const [row] = await tx.$queryRaw<{ balance: number }[]>`
    UPDATE loyalty_account SET balance = balance - ${points}::int, updated_at = now()
    WHERE id = ${account.accountId}::uuid AND workspace_id = ${account.workspaceId}::uuid AND balance >= ${points}::int
    RETURNING balance`;
  return row?.balance ?? null;
}

/**
 * Marks `points` of the account's unspent grants as spent, the soonest to expire first (grants
 * that never expire last, then oldest first), so a member never loses points to expiry that a
 * redemption could have used. Each grant gives min(its remaining, what is still to take):
 * `taken_before` is the running total of the grants ahead of it in that order.
 *
 * Run while holding the account's lock (after the debit), so the grants read here are the ones
 * the previous movement left.
 */
export async function consumeGrantsOldestFirst(tx: LoyaltyTx, account: AccountRef, points: number): Promise<void> {
  if (points <= 0) return;
  await tx.$executeRaw`
    WITH grants AS (
      SELECT id, remaining,
             sum(remaining) OVER (ORDER BY expires_at ASC NULLS LAST, occurred_at, id) - remaining AS taken_before
      FROM loyalty_transaction
      WHERE account_id = ${account.accountId}::uuid AND workspace_id = ${account.workspaceId}::uuid AND remaining > 0)
    UPDATE loyalty_transaction t SET remaining = t.remaining - LEAST(g.remaining, ${points}::int - g.taken_before)
    FROM grants g
    WHERE t.id = g.id AND g.taken_before < ${points}::int`;
}
