import type { Client } from '@temporalio/client';
import { OUTBOX_LANES, type OutboxLane } from '../crm/changes/outbox';
import { startOutboxFeed, type OutboxEntry, type OutboxFeed } from '../crm/changes/outbox-feed';
import type { Database } from '../db';
import { dispatchEntries } from './dispatch';
import { ListensCache } from './listens';
import { TriggerCache } from './trigger-cache';

export interface DispatcherOptions {
  /** Live-lane outbox entries per batch (one transaction). */
  readonly batchSize?: number;
  /**
   * Bulk-lane entries per batch. Larger: a recompute's entries mostly reach no trigger and no
   * run, so a batch's cost is its round trips (with nothing listening, 100 a batch drained
   * about 4,500 entries a second, 500 about 16,000, 2,000 about 33,000).
   */
  readonly bulkBatchSize?: number;
  /** Contacts dispatched at once within a batch. */
  readonly concurrency?: number;
  /** How soon a failed batch is tried again when no new change arrives to wake the feed. */
  readonly retryMs?: number;
  /** A change, journey or signal skipped for good (bad payload, damaged plan, refused request). */
  readonly onProblem?: (problem: string) => void;
  /** A batch failed and will be delivered again (Temporal unreachable, say). */
  readonly onError?: (error: unknown) => void;
  /** A lane's batch was dispatched (its transaction commits next): for metrics and the benchmarks. */
  readonly onDispatched?: (lane: OutboxLane, entries: readonly OutboxEntry[]) => void;
}

export interface Dispatcher {
  /** Dispatches everything in the outbox now; resolves when it is empty. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The trigger dispatcher: consumes the CRM change outbox (tracked events, attribute, segment,
 * score and stage changes), enters contacts into the journeys those changes start, and
 * signals the contacts' running journeys. One feed per lane, side by side: the live lane's
 * changes are dispatched while a recompute's millions in the bulk lane are still draining.
 * Resolves once it is listening; the backlog is dispatched in the background (`drain()` waits
 * for both lanes).
 */
export async function startDispatcher(db: Database, client: Client, taskQueue: string, options: DispatcherOptions = {}): Promise<Dispatcher> {
  const report = options.onProblem ?? (() => undefined);
  const triggers = new TriggerCache(report);
  const deps = { client, taskQueue, triggers, listens: new ListensCache(), report, concurrency: options.concurrency ?? 8 };
  const feeds: OutboxFeed[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(feeds.map((feed) => feed.stop()));
    triggers.close();
  };
  try {
    for (const lane of OUTBOX_LANES) {
      feeds.push(
        await startOutboxFeed(db, async (entries, sql) => {
          await dispatchEntries(deps, entries, sql);
          options.onDispatched?.(lane, entries);
        }, {
          lane,
          batchSize: lane === 'live' ? (options.batchSize ?? 100) : (options.bulkBatchSize ?? 1_000),
          backstopMs: options.retryMs ?? 10_000,
          ...(options.onError && { onError: options.onError }),
        }),
      );
    }
    return {
      drain: async () => {
        await Promise.all(feeds.map((feed) => feed.drain()));
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
