import { randomUUID } from 'node:crypto';
import { loadCrmContext, type CrmContext } from '../crm/context';
import { dependency } from '../crm/segments/dependencies';
import { attributeChangeEntries, announceIngested, createdBy, creationChanges, lockContact, touchedFields } from './crm-change';
import { IngestError } from './errors';
import { resolveContact } from './identity';
import { checkedOrder, orderDiffers, type OrderContent, type StoredOrder } from './order-content';
import type { OrderInput } from './schemas';
import { inTransaction, type IngestDb, type IngestTx } from './transaction';

export interface OrderRecorded {
  readonly orderId: string;
  readonly contactId: string;
  /** `unchanged`: the order was stored with this content already, and nothing was written. */
  readonly outcome: 'created' | 'updated' | 'unchanged';
}

/** Creates or updates an order by its external id (see `recordOrderWithin`). */
export async function recordOrder(db: IngestDb, workspaceId: string, input: OrderInput, now: Date = new Date()): Promise<OrderRecorded> {
  return recordOrderWithin(db, await loadCrmContext(db, workspaceId, now), input);
}

/**
 * An order is the workspace's by its external id, in the workspace's currency (another is
 * refused, naming `currency`): the first call creates it, a re-send with
 * the same content changes nothing, one with new content (a status change, a refund) updates
 * it. A created or updated order rescores its contact and moves the segments reading orders,
 * in the same transaction.
 *
 * Loyalty points are deliberately not awarded here, even when the workspace has an active
 * programme: earning is the `loyalty.award_points` journey action's job, so the marketer
 * decides which orders earn, and a re-sent or updated order can never earn twice.
 */
export async function recordOrderWithin(db: IngestDb, context: CrmContext, input: OrderInput): Promise<OrderRecorded> {
  const content = checkedOrder(input, context);
  return inTransaction<OrderRecorded, never>(db, async (tx) => {
    const contact = await resolveContact(tx, context.workspaceId, input.contact, 'contact.');
    await lockContact(tx, contact.id);
    const orderId = randomUUID();
    // ON CONFLICT rather than a check first: of two concurrent first sends, one creates and the other updates or finds it unchanged.
    const inserted = await tx.$executeRaw`
      INSERT INTO "order" (id, workspace_id, contact_id, external_id, status, currency, amount, cost, discount, placed_at)
      VALUES (${orderId}::uuid, ${context.workspaceId}::uuid, ${contact.id}::uuid, ${input.externalId}, ${content.status}::order_status, ${content.currency},
              ${content.amount.toFixed(2)}::numeric, ${content.cost?.toFixed(2) ?? null}::numeric, ${content.discount.toFixed(2)}::numeric, ${content.placedAt}::timestamptz)
      ON CONFLICT (workspace_id, external_id) DO NOTHING`;
    let recorded: OrderRecorded;
    if (inserted === 1) {
      await writeItems(tx, orderId, content);
      recorded = { orderId, contactId: contact.id, outcome: 'created' };
    } else {
      const stored = await lockedOrder(tx, context.workspaceId, input.externalId);
      if (stored.contactId !== contact.id) throw new IngestError('conflict', 'contact', `differs from the contact of order ${input.externalId} (${stored.contactId})`);
      if (!orderDiffers(stored, content)) return { orderId: stored.id, contactId: contact.id, outcome: 'unchanged' };
      await tx.order.update({
        where: { id: stored.id, workspaceId: context.workspaceId },
        data: { status: content.status, currency: content.currency, amount: content.amount, cost: content.cost, discount: content.discount, placedAt: content.placedAt },
      });
      if (content.items !== undefined) await tx.orderItem.deleteMany({ where: { orderId: stored.id } });
      await writeItems(tx, stored.id, content);
      recorded = { orderId: stored.id, contactId: contact.id, outcome: 'updated' };
    }
    const created = creationChanges(contact);
    await announceIngested(tx, context, [contact.id], [dependency.order, ...touchedFields(created)], attributeChangeEntries(contact.id, created), createdBy(contact));
    return recorded;
  });
}

async function writeItems(tx: IngestTx, orderId: string, content: OrderContent): Promise<void> {
  if (content.items === undefined || content.items.length === 0) return;
  await tx.orderItem.createMany({ data: content.items.map((item) => ({ orderId, ...item })) });
}

/** The stored order, row-locked so concurrent re-sends compare and update one after the other. */
async function lockedOrder(tx: IngestTx, workspaceId: string, externalId: string): Promise<StoredOrder & { id: string; contactId: string }> {
  await tx.$queryRaw`SELECT id FROM "order" WHERE workspace_id = ${workspaceId}::uuid AND external_id = ${externalId} FOR UPDATE`;
  return tx.order.findUniqueOrThrow({ where: { workspaceId_externalId: { workspaceId, externalId } }, include: { items: true } });
}
