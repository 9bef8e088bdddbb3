import type { PrismaClient } from '../../prisma/generated/client';

/** What ingestion needs of the database: transactions, and the workspace for the CRM context. */
export type IngestDb = Pick<PrismaClient, '$transaction' | '$queryRaw'>;

/** The client an interactive transaction hands its callback. */
export type IngestTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Requests for one contact queue behind its row and advisory locks (a burst of events for one
 * shopper), and rescoring runs inside: allow for the wait rather than failing at Prisma's
 * 2-second default.
 */
const INGEST_TRANSACTION = { maxWait: 30_000, timeout: 60_000 } as const;

/** Ends the transaction without committing anything, answering with `value` instead. */
export type RollBack<S> = (value: S) => never;

/** Thrown through Prisma's transaction to roll it back; the value travels beside it. */
class RolledBack extends Error {
  override readonly name = 'RolledBack';
}

/**
 * One interactive transaction that can also end with nothing written: a duplicate detected
 * after a contact was created must not leave the contact behind, so `rollBack(value)` undoes
 * everything so far and the call resolves to `value`. Any other error rejects as usual.
 */
export async function inTransaction<T, S>(db: Pick<IngestDb, '$transaction'>, work: (tx: IngestTx, rollBack: RollBack<S>) => Promise<T>): Promise<T | S> {
  // A holder rather than a `let`: the callback assigns it, which control-flow analysis cannot see.
  const outcome: { rolledBack: { value: S } | null } = { rolledBack: null };
  const signal = new RolledBack('rolled back');
  const rollBack: RollBack<S> = (value) => {
    outcome.rolledBack = { value };
    throw signal;
  };
  try {
    return await db.$transaction((tx) => work(tx, rollBack), INGEST_TRANSACTION);
  } catch (error) {
    if (error === signal && outcome.rolledBack !== null) return outcome.rolledBack.value;
    throw error;
  }
}
