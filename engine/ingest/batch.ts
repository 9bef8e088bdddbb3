import { SYSTEM_ORIGIN, type ConsentChannel, type ConsentOrigin } from '../consent';
import { loadCrmContext, type CrmContext } from '../crm/context';
import { checkedBatchItem } from './batch-item';
import { identifyWithin } from './identify';
import { recordOrderWithin } from './orders';
import type { BatchItem } from './schemas';
import { trackMany } from './track-many';
import type { IngestDb } from './transaction';

export type BatchItemOutcome =
  | { readonly index: number; readonly status: 'ok' | 'duplicate'; readonly awaitingConfirmation?: AwaitingConfirmation }
  /** `error` is an `IngestError` for an expected refusal; anything else is the caller's to log and hide. */
  | { readonly index: number; readonly status: 'error'; readonly error: unknown };

/** An identify whose email marketing grant waits for the contact to confirm (double opt-in). */
export interface AwaitingConfirmation {
  readonly contactId: string;
  readonly channels: readonly ConsentChannel[];
}

/**
 * Ingests mixed items (track, identify, order) in their order, so one bad item never loses the
 * others and a retried batch is answered `duplicate` for what it had already written (events by
 * message id, orders by content). Consecutive events are written together (`trackMany`: one
 * transaction, answered per event as if each had its own); a profile update or an order commits
 * on its own, after the events before it and before those after it. One CRM context (one clock,
 * one settings snapshot) serves the whole batch.
 */
export async function ingestBatch(db: IngestDb, workspaceId: string, items: readonly unknown[], now: Date = new Date(), by: ConsentOrigin = SYSTEM_ORIGIN): Promise<BatchItemOutcome[]> {
  const context = await loadCrmContext(db, workspaceId, now);
  const checked = items.map(checkedOrRefused);
  const outcomes: BatchItemOutcome[] = [];
  // One after another, not in parallel: an identify followed by a track for the same new
  // contact must find the contact the identify created.
  for (let start = 0; start < checked.length; ) {
    const end = endOfEventRun(checked, start);
    if (end > start) {
      outcomes.push(...(await eventRun(db, context, checked.slice(start, end), start)));
      start = end;
      continue;
    }
    const entry = checked[start];
    if (entry && 'item' in entry && entry.item.type !== 'track') {
      try {
        outcomes.push({ index: start, ...(await ingestItem(db, context, entry.item, by)) });
      } catch (error) {
        outcomes.push({ index: start, status: 'error', error });
      }
    }
    start += 1;
  }
  return outcomes;
}

type Checked = { readonly item: BatchItem } | { readonly refused: unknown };

function checkedOrRefused(item: unknown): Checked {
  try {
    return { item: checkedBatchItem(item) };
  } catch (error) {
    return { refused: error };
  }
}

/** Events, and refused items among them (they write nothing, so they never split a run). */
const inEventRun = (entry: Checked): boolean => !('item' in entry) || entry.item.type === 'track';

function endOfEventRun(checked: readonly Checked[], start: number): number {
  let end = start;
  while (end < checked.length && inEventRun(checked[end] ?? { refused: null })) end += 1;
  return end;
}

async function eventRun(db: IngestDb, context: CrmContext, run: readonly Checked[], offset: number): Promise<BatchItemOutcome[]> {
  const events = run.flatMap((entry, position) => {
    if (!('item' in entry) || entry.item.type !== 'track') return [];
    const { type: _track, ...input } = entry.item;
    return [{ index: offset + position, input }];
  });
  const tracked = await trackMany(db, context, events.map((event) => event.input));
  const byIndex = new Map(events.map((event, position) => [event.index, tracked[position]]));
  return run.map((entry, position): BatchItemOutcome => {
    const index = offset + position;
    if ('refused' in entry) return { index, status: 'error', error: entry.refused };
    const outcome = byIndex.get(index);
    if (!outcome) return { index, status: 'error', error: new Error(`item ${index} was not answered`) };
    if (!outcome.ok) return { index, status: 'error', error: outcome.error };
    return { index, status: outcome.value.duplicate ? 'duplicate' : 'ok' };
  });
}

type ItemResult = { status: 'ok' | 'duplicate'; awaitingConfirmation?: AwaitingConfirmation };

/** A profile update or an order, in a transaction of its own. */
async function ingestItem(db: IngestDb, context: CrmContext, item: Exclude<BatchItem, { type: 'track' }>, by: ConsentOrigin): Promise<ItemResult> {
  switch (item.type) {
    case 'identify': {
      const { type: _identify, ...input } = item;
      const identified = await identifyWithin(db, context, input, by);
      if (identified.awaitingConfirmation.length === 0) return { status: 'ok' };
      return { status: 'ok', awaitingConfirmation: { contactId: identified.contactId, channels: identified.awaitingConfirmation } };
    }
    case 'order': {
      const { type: _order, ...input } = item;
      return { status: (await recordOrderWithin(db, context, input)).outcome === 'unchanged' ? 'duplicate' : 'ok' };
    }
  }
}
