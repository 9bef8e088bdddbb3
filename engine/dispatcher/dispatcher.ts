import type { Client } from '@temporalio/client';
import { startOutboxFeed } from '../crm/changes/outbox-feed';
import type { Database } from '../db';
import { dispatchEntries } from './dispatch';
import { ListensCache } from './listens';
import { TriggerCache } from './trigger-cache';

export interface DispatcherOptions {
  /** Outbox entries per batch (one transaction). */
  readonly batchSize?: number;
  /** Contacts dispatched at once within a batch. */
  readonly concurrency?: number;
  /** How soon a failed batch is tried again when no new change arrives to wake the feed. */
  readonly retryMs?: number;
  /** A change, journey or signal skipped for good (bad payload, damaged plan, refused request). */
  readonly onProblem?: (problem: string) => void;
  /** A batch failed and will be delivered again (Temporal unreachable, say). */
  readonly onError?: (error: unknown) => void;
}

export interface Dispatcher {
  /** Dispatches everything in the outbox now; resolves when it is empty. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The trigger dispatcher: consumes the CRM change outbox (tracked events, attribute, segment,
 * score and stage changes), enters contacts into the journeys those changes start, and
 * signals the contacts' running journeys. Resolves once it is listening; the backlog is
 * dispatched in the background (`drain()` waits for it).
 */
export async function startDispatcher(db: Database, client: Client, taskQueue: string, options: DispatcherOptions = {}): Promise<Dispatcher> {
  const report = options.onProblem ?? (() => undefined);
  const triggers = new TriggerCache(report);
  const deps = { client, taskQueue, triggers, listens: new ListensCache(), report, concurrency: options.concurrency ?? 8 };
  try {
    const feed = await startOutboxFeed(db, (entries, sql) => dispatchEntries(deps, entries, sql), {
      batchSize: options.batchSize ?? 100,
      backstopMs: options.retryMs ?? 10_000,
      ...(options.onError && { onError: options.onError }),
    });
    return {
      drain: () => feed.drain(),
      stop: async () => {
        await feed.stop();
        triggers.close();
      },
    };
  } catch (error) {
    triggers.close();
    throw error;
  }
}
