import type { Client } from '@temporalio/client';

/**
 * Waits until `expected` workflows matching the visibility query have closed, polling the
 * server's count. Both the engine and its floor are waited for this way, so neither side pays
 * for a different kind of bookkeeping in the measurement.
 */
export async function untilClosed(client: Client, query: string, expected: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { count } = await client.workflow.count(`${query} AND ExecutionStatus != "Running"`);
    if (count >= expected) return;
    if (Date.now() > deadline) throw new Error(`only ${count} of ${expected} workflows closed (${query})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs `start` for every item with at most `concurrency` in flight, like a dispatcher starting runs. */
export async function startAll<T>(items: readonly T[], concurrency: number, start: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await start(item);
    }
  });
  await Promise.all(lanes);
}
