import type { SqlClient } from '../sql';
import { OUTBOX_LANES } from './outbox';

/** How long dispatched outbox entries are kept: long enough to investigate a trigger that misfired. */
export const OUTBOX_RETENTION_DAYS = 7;
const BATCH = 10_000;

/**
 * Deletes a workspace's outbox entries dispatched more than OUTBOX_RETENTION_DAYS before `now`,
 * in batches (a first recompute of a million contacts leaves ten million entries; one DELETE of
 * them all would hold locks and bloat the WAL at once). Undispatched entries are never touched.
 * Lane by lane, so each batch is a range of the (lane, dispatched_at, id) index rather than a
 * scan of the whole outbox. Returns how many were deleted.
 */
export async function pruneDispatchedOutbox(client: SqlClient, workspaceId: string, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - OUTBOX_RETENTION_DAYS * 86_400_000);
  let total = 0;
  for (const lane of OUTBOX_LANES) {
    for (;;) {
      const deleted = await client.$executeRaw`
        DELETE FROM outbox_entry WHERE id IN (
          SELECT id FROM outbox_entry
          WHERE lane = ${lane}::outbox_lane AND dispatched_at IS NOT NULL AND dispatched_at < ${cutoff}::timestamptz AND workspace_id = ${workspaceId}::uuid
          LIMIT ${BATCH}::int)`;
      total += deleted;
      if (deleted < BATCH) break;
    }
  }
  return total;
}
