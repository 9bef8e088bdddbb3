import type { Database } from '../../db';
import type { SqlClient } from '../sql';
import { OUTBOX_CHANNELS, type OutboxLane } from './outbox';
import { Prisma } from '../../../prisma/generated/client';
import { reusedPlan } from '../../db/reused-plan';

export interface OutboxEntry {
  readonly id: bigint;
  readonly workspaceId: string;
  readonly topic: string;
  readonly payload: unknown;
  readonly createdAt: Date;
}

export interface OutboxFeedOptions {
  /** The lane this feed delivers (each lane has its own feed, so neither waits for the other's backlog). */
  readonly lane: OutboxLane;
  /** Entries per claim. */
  readonly batchSize?: number;
  /**
   * A backstop drain for notifications lost while the listening connection was down; the
   * normal path is the NOTIFY sent at commit, which wakes the feed at once.
   */
  readonly backstopMs?: number;
  readonly onError?: (error: unknown) => void;
}

export interface OutboxFeed {
  /** Drains now (also what a notification triggers); resolves when the outbox is empty. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Delivers one lane's outbox entries to `handle` in id order, at least once: entries are claimed with
 * FOR UPDATE SKIP LOCKED (several engine processes can run feeds side by side), handed over,
 * and marked dispatched in the same transaction, so an entry whose handler failed is
 * delivered again. Handlers must be idempotent (the dispatcher's signal-with-start is).
 * `sql` is the claiming transaction: a handler must read through it, since on PGlite (one
 * connection) a query outside it would wait for the transaction that is waiting for it.
 */
export async function startOutboxFeed(db: Database, handle: (entries: readonly OutboxEntry[], sql: SqlClient) => Promise<void>, options: OutboxFeedOptions): Promise<OutboxFeed> {
  const batchSize = options.batchSize ?? 200;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const drainOnce = async (): Promise<number> =>
    db.prisma.$transaction(async (tx) => {
      const entries = await tx.$queryRaw<{ id: bigint; workspace_id: string; topic: string; payload: unknown; created_at: Date }[]>(reusedPlan(Prisma.sql`
        SELECT id, workspace_id::text AS workspace_id, topic, payload, created_at FROM outbox_entry
        WHERE lane = ${options.lane}::outbox_lane AND dispatched_at IS NULL ORDER BY id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`));
      if (entries.length === 0) return 0;
      await handle(entries.map((row) => ({ id: row.id, workspaceId: row.workspace_id, topic: row.topic, payload: row.payload, createdAt: row.created_at })), tx);
      await tx.$executeRaw(reusedPlan(Prisma.sql`UPDATE outbox_entry SET dispatched_at = now() WHERE id = ANY(${entries.map((row) => row.id)}::bigint[])`));
      return entries.length;
    }, { timeout: 60_000 });

  const drain = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          while (!stopped && (await drainOnce()) === batchSize);
        } while (again && !stopped);
      } catch (error) {
        options.onError?.(error);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const unlisten = await db.listen(OUTBOX_CHANNELS[options.lane], () => void drain());
  const backstop = setInterval(() => void drain(), options.backstopMs ?? 30_000);
  backstop.unref();
  // The backlog (a restart after a million-contact recompute can leave millions of entries) is
  // drained in the background: starting the feed must not hold up the engine's start-up.
  void drain();
  return {
    drain,
    stop: async () => {
      stopped = true;
      clearInterval(backstop);
      await unlisten();
      await running;
    },
  };
}
