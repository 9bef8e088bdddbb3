import type { SqlClient } from '../crm/sql';
import { onJourneyTriggersChanged } from './invalidation';
import { loadLiveJourneys, triggerStamp } from './live-journeys';
import { buildTriggerIndex, type TriggerIndex } from './trigger-index';

interface Cached {
  readonly stamp: string;
  readonly index: TriggerIndex;
}

/**
 * Each workspace's trigger index, kept in memory. It is dropped when this process announces a
 * change (`journeyTriggersChanged`), and checked against the journeys' stamp (statuses and
 * latest publications, one small query) before each batch, so a change made elsewhere is seen
 * by the next batch too. Plans are read and validated only when something changed.
 */
export class TriggerCache {
  readonly #entries = new Map<string, Cached>();
  readonly #unsubscribe: () => void;

  constructor(private readonly report: (problem: string) => void) {
    this.#unsubscribe = onJourneyTriggersChanged((workspaceId) => this.invalidate(workspaceId));
  }

  invalidate(workspaceId: string): void {
    this.#entries.delete(workspaceId);
  }

  async indexFor(sql: SqlClient, workspaceId: string): Promise<TriggerIndex> {
    const stamp = await triggerStamp(sql, workspaceId);
    const cached = this.#entries.get(workspaceId);
    if (cached?.stamp === stamp) return cached.index;
    // Stamp first, journeys second: a change committed in between is cached under the old
    // stamp, so the next check reloads it again. Never the other way round.
    const index = buildTriggerIndex(await loadLiveJourneys(sql, workspaceId, this.report));
    this.#entries.set(workspaceId, { stamp, index });
    return index;
  }

  close(): void {
    this.#unsubscribe();
    this.#entries.clear();
  }
}
