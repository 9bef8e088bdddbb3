import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** One item's answer from a group's write: its value, or the error that refused it alone. */
export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export interface GroupWriter<Item, Outcome, Prepared> {
  /**
   * Work done before the group is taken (reading what every item needs), so the calls arriving
   * meanwhile join this group rather than wait for the next.
   */
  prepare(key: string): Promise<Prepared>;
  /** Writes the items together; one answer per item, in order. Throwing fails them all. */
  write(prepared: Prepared, items: readonly Item[]): Promise<readonly Settled<Outcome>[]>;
}

interface Waiting<Item, Outcome> {
  readonly item: Item;
  readonly resolve: (outcome: Outcome) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: while one write for a key runs, the calls arriving for that key wait and are
 * then written together by the next one, each answered as if written alone. An idle key's
 * item is written at once (no timer, so no added latency); under load every write carries the
 * calls that arrived during the one before, so a call costs a share of a transaction instead of
 * a whole one. Keys never share a write (a workspace's events are written with its own).
 */
export class GroupCommit<Item, Outcome, Prepared = void> {
  private readonly waiting = new Map<string, Waiting<Item, Outcome>[]>();

  constructor(
    private readonly writer: GroupWriter<Item, Outcome, Prepared>,
    /** The most items one write takes; more wait for the next. */
    private readonly maxGroup = 500,
  ) {}

  submit(key: string, item: Item): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) {
        queue.push({ item, resolve, reject });
        return;
      }
      this.waiting.set(key, [{ item, resolve, reject }]);
      void this.drain(key);
    });
  }

  /** Writes the key's waiting items group by group until none is left. */
  private async drain(key: string): Promise<void> {
    for (;;) {
      const queue = this.waiting.get(key) ?? [];
      let group: Waiting<Item, Outcome>[] = [];
      try {
        // One turn of the event loop first: requests whose bytes arrived while the last write
        // ran (PGlite runs in this thread and starves I/O for a whole transaction) reach the
        // queue now instead of after the next write. Costs microseconds when idle.
        await yieldToEventLoop();
        const prepared = await this.writer.prepare(key);
        group = queue.splice(0, this.maxGroup);
        if (group.length === 0) break;
        const outcomes = await this.writer.write(
          prepared,
          group.map((waiting) => waiting.item),
        );
        for (const [index, waiting] of group.entries()) {
          const outcome = outcomes[index];
          if (outcome?.ok) waiting.resolve(outcome.value);
          else waiting.reject(outcome ? outcome.error : new Error('the write gave no answer for this item'));
        }
      } catch (error) {
        // The whole write failed (the database is gone): everyone waiting is told.
        for (const waiting of [...group, ...queue.splice(0)]) waiting.reject(error);
      }
    }
    this.waiting.delete(key);
  }
}
