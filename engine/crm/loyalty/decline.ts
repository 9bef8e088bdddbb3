import { MOVEMENT_TRANSACTION, type LoyaltyDb, type LoyaltyTx } from './db';

/** Thrown through Prisma's transaction to roll it back; carries nothing itself. */
class Declined extends Error {
  override readonly name = 'Declined';
}

/** Ends the transaction without committing anything, answering with `outcome` instead. */
export type Decline<D> = (outcome: D) => never;

/**
 * An interactive transaction that can also end in a refusal: `decline(outcome)` rolls back
 * everything done so far (a unit of stock taken before the balance proved short goes back)
 * and makes the call resolve to `outcome`. Any other error rejects as usual.
 */
export async function transactionOrDeclined<T, D>(db: Pick<LoyaltyDb, '$transaction'>, work: (tx: LoyaltyTx, decline: Decline<D>) => Promise<T>): Promise<T | D> {
  // A holder rather than a `let`: the callback assigns it, which control-flow analysis cannot see.
  const declined: { refusal: { outcome: D } | null } = { refusal: null };
  const signal = new Declined('transaction declined');
  const decline: Decline<D> = (outcome) => {
    declined.refusal = { outcome };
    throw signal;
  };
  try {
    return await db.$transaction((tx) => work(tx, decline), MOVEMENT_TRANSACTION);
  } catch (error) {
    if (error === signal && declined.refusal !== null) return declined.refusal.outcome;
    throw error;
  }
}
