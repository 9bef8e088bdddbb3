import { isUniqueViolation } from '../../db/unique-violation';
import type { LoyaltyDb } from './db';
import { findMovement, type StoredMovement } from './ledger';

/**
 * Runs a movement at most once per idempotency key. A key already in the ledger answers with
 * the first result (`replay`) without touching anything. Two attempts racing with the same key
 * both get past that check; the second one's ledger insert then hits the unique
 * (workspace_id, idempotency_key) index, which rolls its whole transaction back (balance, grants,
 * stock with it), and it answers from the row the first one committed.
 *
 * Outcomes that write no ledger row (insufficient points, out of stock) are not remembered: a
 * retry with the same key tries again.
 */
export async function oncePerKey<T>(
  db: Pick<LoyaltyDb, 'loyaltyTransaction'>,
  key: { workspaceId: string; idempotencyKey: string },
  replay: (stored: StoredMovement) => T,
  movement: () => Promise<T>,
): Promise<T> {
  const earlier = await findMovement(db, key.workspaceId, key.idempotencyKey);
  if (earlier) return replay(earlier);
  try {
    return await movement();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another unique index may have refused the write; only a committed row with our key means "already done".
    const winner = await findMovement(db, key.workspaceId, key.idempotencyKey);
    if (!winner) throw error;
    return replay(winner);
  }
}
