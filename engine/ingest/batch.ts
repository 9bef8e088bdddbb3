import { SYSTEM_ORIGIN, type ConsentChannel, type ConsentOrigin } from '../consent';
import { loadCrmContext, type CrmContext } from '../crm/context';
import { checkedBatchItem } from './batch-item';
import { identifyWithin } from './identify';
import { recordOrderWithin } from './orders';
import type { BatchItem } from './schemas';
import { trackWithin } from './track';
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
 * Ingests mixed items (track, identify, order) in their order, each in its own transaction,
 * so one bad item never loses the others and a retried batch is answered `duplicate` for
 * what it had already written (events by message id, orders by content). One CRM context
 * (one clock, one settings snapshot) serves the whole batch.
 */
export async function ingestBatch(db: IngestDb, workspaceId: string, items: readonly unknown[], now: Date = new Date(), by: ConsentOrigin = SYSTEM_ORIGIN): Promise<BatchItemOutcome[]> {
  const context = await loadCrmContext(db, workspaceId, now);
  const outcomes: BatchItemOutcome[] = [];
  // One after another, not in parallel: an identify followed by a track for the same new
  // contact must find the contact the identify created.
  for (const [index, item] of items.entries()) {
    try {
      outcomes.push({ index, ...(await ingestItem(db, context, checkedBatchItem(item), by)) });
    } catch (error) {
      outcomes.push({ index, status: 'error', error });
    }
  }
  return outcomes;
}

type ItemResult = { status: 'ok' | 'duplicate'; awaitingConfirmation?: AwaitingConfirmation };

async function ingestItem(db: IngestDb, context: CrmContext, item: BatchItem, by: ConsentOrigin): Promise<ItemResult> {
  switch (item.type) {
    case 'track': {
      const { type: _track, ...input } = item;
      return { status: (await trackWithin(db, context, input)).duplicate ? 'duplicate' : 'ok' };
    }
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
